/**
 * A rug pull: a tool approved for what it was changes into something else. These are the changes
 * that should send a reviewer back to a tool: it starts speaking to the model, it claims to be
 * harmless when it did not before, it gains a way to send data out, or its words and schema now
 * say it does something it did not (sends data out, deletes, runs code, moves money, handles credentials).
 */
import type { Parameter } from '../input-schema/parameters.ts';
import { isRecipient, nameOf } from '../classify/parameter-roles.ts';
import { SIGNAL_WORDS } from '../classify/lexicon.ts';
import { findToolPoisoning } from '../classify/suspicious.ts';
import type { Definition } from './definition.ts';
import { gainedEffects } from './effect-change.ts';

export type RugPullKind = 'hidden-instructions' | 'claims-read-only' | 'drops-destructive' | 'sends-out' | 'gains-effect';

export interface RugPullFlag {
  kind: RugPullKind;
  /** Our sentence; `where` and `excerpt` hold server text, to be escaped where shown. */
  message: string;
  where?: string;
  excerpt?: string;
}

// A parameter that takes an address to reach: data can leave in its query string or body.
const ADDRESS_PARAMS = new Set(SIGNAL_WORDS['fetches-url'].params);

// A tool page's changes chain (each one's `before` is the next one's `after`): each definition is scanned once.
const scanned = new WeakMap<Definition, ReturnType<typeof findToolPoisoning>>();
function poisoningOf(definition: Definition): ReturnType<typeof findToolPoisoning> {
  let findings = scanned.get(definition);
  if (!findings) scanned.set(definition, (findings = findToolPoisoning(definition)));
  return findings;
}

/** The rug-pull flags of a change, from the two definitions and the parameters the new one added. */
export function rugPullFlags(before: Definition, after: Definition, added: readonly { path: string }[], parameters: readonly Parameter[]): RugPullFlag[] {
  const flags: RugPullFlag[] = [];
  const known = new Set(poisoningOf(before).map((f) => f.reason));
  for (const finding of poisoningOf(after)) {
    if (known.has(finding.reason)) continue;
    flags.push({
      kind: 'hidden-instructions',
      message: `text aimed at the model appeared: it ${finding.reason}`,
      where: finding.where,
      excerpt: finding.excerpt,
    });
  }
  const was = before.annotations ?? {};
  const now = after.annotations ?? {};
  if (was.readOnlyHint !== true && now.readOnlyHint === true) {
    flags.push({ kind: 'claims-read-only', message: 'it now says it is read-only (readOnlyHint: true), which clients may approve without asking' });
  }
  if (was.destructiveHint === true && now.destructiveHint !== true) {
    flags.push({
      kind: 'drops-destructive',
      message: `it no longer says it is destructive (destructiveHint: true → ${now.destructiveHint === undefined ? 'not given' : String(now.destructiveHint)})`,
    });
  }
  const addedPaths = new Set(added.map((p) => p.path));
  for (const p of parameters) {
    if (!addedPaths.has(p.path)) continue;
    const role = isRecipient(p, parameters) ? 'a recipient' : ADDRESS_PARAMS.has(nameOf(p)) ? 'an address to reach' : undefined;
    if (role) flags.push({ kind: 'sends-out', message: `a new parameter can send data out (${role})`, where: p.path });
  }
  // A new parameter that sends already says so; every other new effect is named with its evidence.
  const paramSends = flags.some((f) => f.kind === 'sends-out');
  for (const gained of gainedEffects(before, after)) {
    if (gained.effect === 'sends-out' && paramSends) continue;
    flags.push({ kind: 'gains-effect', message: gained.says, excerpt: gained.evidence });
  }
  return flags;
}
