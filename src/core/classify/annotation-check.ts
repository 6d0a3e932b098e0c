import type { Category, EvidenceSource, Signal } from '../risk.ts';
import type { Annotations, Tool } from '../schema/server.ts';
import type { Classification } from './classify-tool.ts';

/**
 * The hints a server declares on a tool, beside what the tool appears to do from its own name,
 * description and schema (or what the catalog's editors set). A hint counts only when declared:
 * an absent hint is not a claim, but the suggestion fills it in where the classifier can tell.
 */
export const HINT_KEYS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;
export type HintKey = (typeof HINT_KEYS)[number];
export type Hints = Partial<Record<HintKey, boolean>>;

export interface HintDisagreement {
  hint: HintKey;
  declared: boolean;
  /** One sentence naming the hint and the evidence against it. */
  text: string;
}

export type AnnotationStatus = 'agree' | 'disagree' | 'undeclared' | 'unchecked';

export interface AnnotationCheck {
  status: AnnotationStatus;
  /** What the tool appears to do, which the hints are checked against. */
  appears: Category;
  declared: Hints;
  disagreements: HintDisagreement[];
  /** The hints the server's authors could set, when they differ from the declared ones. */
  suggested?: Hints;
  /** `suggested` as pasteable JSON. */
  suggestedJson?: string;
  /** The check in one sentence. */
  summary: string;
}

type CheckedTool = { definition: Pick<Tool, 'annotations' | 'overrides'>; classification: Classification };

const DEFINITION_SOURCES: ReadonlySet<EvidenceSource> = new Set(['name', 'title', 'description', 'schema']);
const RUNS_ANYTHING: readonly Signal[] = ['shell-command', 'code-eval'];
const REACHES_OUT: readonly Signal[] = ['fetches-url', 'sends-external'];

const APPEARS: Record<Category, string> = {
  read: 'only to read',
  write: 'to write',
  destructive: 'to delete or overwrite',
  execute: 'to execute code, commands or jobs',
  financial: 'to act on money',
  other: 'to do something the classifier cannot tell',
};

export function declaredHints(annotations: Annotations | undefined): Hints {
  const hints: Hints = {};
  for (const key of HINT_KEYS) if (typeof annotations?.[key] === 'boolean') hints[key] = annotations[key];
  return hints;
}

/** The evidence behind the category: the last fact from the definition that set it, or the editors. */
function categoryEvidence(c: Classification, category: Category, overridden: boolean): string | undefined {
  if (overridden) return `the catalog's editors rate it ${category}`;
  for (let i = c.evidence.length - 1; i >= 0; i--) {
    const e = c.evidence[i]!;
    if (DEFINITION_SOURCES.has(e.source) && e.kind === 'category' && e.category === category) return e.detail;
  }
  return undefined;
}

function signalEvidence(c: Classification, signals: readonly Signal[]): string | undefined {
  return c.evidence.find((e) => DEFINITION_SOURCES.has(e.source) && e.kind === 'signal' && signals.includes(e.signal))?.detail;
}

const sentence = (hint: HintKey, declared: boolean, claim: string, evidence: string | undefined) =>
  `Declares ${hint}: ${declared}; ${claim}${evidence ? `: ${evidence}` : ''}`;

/** What the classifier expects each hint to be, with the evidence; absent where it cannot tell. */
function expectedHints(tool: CheckedTool, appears: Category): Partial<Record<HintKey, { value: boolean; claim: string; evidence?: string }>> {
  const c = tool.classification;
  const overridden = tool.definition.overrides?.category !== undefined;
  const evidence = categoryEvidence(c, appears, overridden);
  const expected: ReturnType<typeof expectedHints> = {};
  const claim = `it appears ${APPEARS[appears]}`;
  if (appears === 'read') {
    expected.readOnlyHint = { value: true, claim, evidence };
    expected.destructiveHint = { value: false, claim, evidence };
  } else if (appears !== 'other') {
    expected.readOnlyHint = { value: false, claim, evidence };
  }
  if (appears === 'destructive') expected.destructiveHint = { value: true, claim, evidence };
  const runs = RUNS_ANYTHING.filter((s) => c.signals.includes(s));
  if (appears === 'execute' && runs.length > 0)
    expected.destructiveHint = { value: true, claim: 'what it runs can delete or overwrite', evidence: signalEvidence(c, runs) ?? evidence };
  const reaches = REACHES_OUT.filter((s) => c.signals.includes(s));
  if (reaches.length > 0) expected.openWorldHint = { value: true, claim: 'it reaches outside its own domain', evidence: signalEvidence(c, reaches) };
  if (c.signals.includes('sends-external') && appears !== 'read') {
    expected.idempotentHint = { value: false, claim: 'a second call sends again', evidence: signalEvidence(c, ['sends-external']) };
  } else if (appears === 'financial' && c.signals.includes('money')) {
    expected.idempotentHint = { value: false, claim: 'a second call can move money again', evidence: signalEvidence(c, ['money']) ?? evidence };
  }
  return expected;
}

// What a client assumes of a hint the server leaves out (MCP ToolAnnotations).
const MCP_DEFAULTS: Record<HintKey, boolean> = { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true };

/** Hints the spec reads only when readOnlyHint is false: a read-only suggestion leaves them out. */
const MEANINGLESS_WHEN_READ_ONLY: ReadonlySet<HintKey> = new Set(['destructiveHint', 'idempotentHint']);

export function checkAnnotations(tool: CheckedTool): AnnotationCheck {
  const c = tool.classification;
  const appears = tool.definition.overrides?.category ?? c.definitionCategory;
  const declared = declaredHints(tool.definition.annotations);
  const expected = expectedHints(tool, appears);
  const readOnlyDeclared = declared.readOnlyHint === true;
  const disagreements: HintDisagreement[] = [];
  for (const hint of HINT_KEYS) {
    const want = expected[hint];
    const have = declared[hint];
    if (!want || have === undefined || have === want.value) continue;
    // A read-only tool's destructiveHint and idempotentHint mean nothing: no claim to disagree with.
    if (readOnlyDeclared && want.value === false && MEANINGLESS_WHEN_READ_ONLY.has(hint) && appears === 'read') continue;
    disagreements.push({ hint, declared: have, text: sentence(hint, have, want.claim, want.evidence) });
  }

  // The declared hints, corrected; a tool that declares nothing gets every hint the classifier can
  // tell, one that declares some only those where MCP's default says the wrong thing.
  const nothingDeclared = Object.keys(declared).length === 0;
  const suggestion: Hints = {};
  for (const hint of HINT_KEYS) {
    const want = expected[hint];
    const disagrees = disagreements.some((d) => d.hint === hint);
    if (want && (disagrees || (declared[hint] === undefined && (nothingDeclared || want.value !== MCP_DEFAULTS[hint])))) suggestion[hint] = want.value;
    else if (declared[hint] !== undefined) suggestion[hint] = declared[hint];
  }
  if (suggestion.readOnlyHint === true) for (const hint of MEANINGLESS_WHEN_READ_ONLY) if (declared[hint] === undefined) delete suggestion[hint];
  const differs = HINT_KEYS.some((k) => suggestion[k] !== declared[k]);
  const suggested = differs ? suggestion : undefined;

  const status: AnnotationStatus = disagreements.length > 0 ? 'disagree' : nothingDeclared ? 'undeclared' : appears === 'other' ? 'unchecked' : 'agree';
  const summary = {
    disagree: `${disagreements.length === 1 ? 'One declared hint disagrees' : `${disagreements.length} declared hints disagree`} with what the tool appears to do.`,
    undeclared:
      appears === 'other'
        ? 'The server declares no hints, and the definition does not show what the tool does.'
        : "The server declares no hints, so clients assume MCP's defaults: it may write, destroy and reach outside.",
    unchecked: 'The definition does not show what the tool does, so the declared hints cannot be checked.',
    agree: 'The declared hints agree with what the tool appears to do.',
  }[status];
  return { status, appears, declared, disagreements, summary, ...(suggested ? { suggested, suggestedJson: JSON.stringify(suggested, null, 2) } : {}) };
}

/** For search and counts: whether a declared hint contradicts what the tool appears to do. */
export function annotationsDisagree(tool: CheckedTool): boolean {
  return checkAnnotations(tool).status === 'disagree';
}

/**
 * A server's tools by what the check says of them, in words for its page: `summary` about the
 * disagreements (the page lists those tools after it), then `undeclaredNote` when some declare nothing.
 */
export function annotationTally<T extends CheckedTool>(tools: readonly T[]): { disagree: T[]; undeclared: number; summary: string; undeclaredNote: string } {
  const disagree: T[] = [];
  let undeclared = 0;
  for (const tool of tools) {
    const { status } = checkAnnotations(tool);
    if (status === 'disagree') disagree.push(tool);
    else if (status === 'undeclared') undeclared++;
  }
  const n = disagree.length;
  if (undeclared === tools.length) return { disagree, undeclared, summary: 'no tool declares hints', undeclaredNote: '' };
  const summary =
    n === 0
      ? 'no declared hint disagrees with what its tools appear to do'
      : n === 1
        ? 'one tool declares hints that disagree with what it appears to do'
        : `${n} tools declare hints that disagree with what they appear to do`;
  return { disagree, undeclared, summary, undeclaredNote: undeclared === 0 ? '' : `; ${undeclared} of ${tools.length} declare none` };
}
