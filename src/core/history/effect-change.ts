/**
 * A rug pull is a change of effect: the tool now does something it did not, whatever words or
 * parameter names carry it. Both definitions are classified from their words and schema alone (the
 * annotations have flags of their own), and an effect the new one has and the old one lacked is named
 * with the evidence that shows it.
 */
import { classifyTool, type Classification } from '../classify/classify-tool.ts';
import type { Evidence } from '../classify/evidence.ts';
import type { Tool } from '../schema/server.ts';
import type { Definition } from './definition.ts';

export type Effect = 'sends-out' | 'destroys' | 'runs-code' | 'moves-money' | 'touches-credentials';

export interface GainedEffect {
  effect: Effect;
  /** Our words for the effect. */
  says: string;
  /** What showed it, from the classifier's evidence (may quote server text: escape where shown). */
  evidence: string;
}

const EXECUTING = new Set(['shell-command', 'code-eval', 'raw-sql']);

const EFFECTS: readonly { effect: Effect; says: string; has: (c: Classification) => Evidence | undefined }[] = [
  { effect: 'sends-out', says: 'it now sends data out', has: (c) => c.evidence.find((e) => e.kind === 'signal' && e.signal === 'sends-external') },
  {
    effect: 'destroys',
    says: 'it now deletes or overwrites',
    has: (c) => (c.category === 'destructive' ? c.evidence.find((e) => e.kind === 'category' && e.category === 'destructive') : undefined),
  },
  {
    effect: 'runs-code',
    says: 'it now runs code, commands or queries',
    has: (c) =>
      c.evidence.find(
        (e) => (e.kind === 'signal' && EXECUTING.has(e.signal)) || (e.kind === 'category' && e.category === 'execute' && c.category === 'execute'),
      ),
  },
  {
    effect: 'moves-money',
    says: 'it now moves money',
    has: (c) => (c.category === 'financial' ? c.evidence.find((e) => e.kind === 'category' && e.category === 'financial') : undefined),
  },
  { effect: 'touches-credentials', says: 'it now handles credentials', has: (c) => c.evidence.find((e) => e.kind === 'signal' && e.signal === 'credentials') },
];

const asTool = ({ annotations: _hints, ...definition }: Definition): Tool => definition as Tool;

/** The effects `after` has and `before` lacked, each with what showed it. */
export function gainedEffects(before: Definition, after: Definition): GainedEffect[] {
  const was = classifyTool(asTool(before));
  const now = classifyTool(asTool(after));
  return EFFECTS.flatMap(({ effect, says, has }) => {
    const shown = has(now);
    return shown && !has(was) ? [{ effect, says, evidence: shown.detail }] : [];
  });
}
