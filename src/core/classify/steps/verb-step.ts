import type { Category, EvidenceSource } from '../../risk.ts';
import { nameTokens, textWords } from '../../text/tokens.ts';
import type { Evidence } from '../evidence.ts';
import { EXECUTING_OBJECTS, NOUN_OR_VERB } from '../lexicon.ts';
import {
  categoryOfWord,
  changeVerbIn,
  cjkOpeningVerb,
  descriptionVerb,
  endsWithMethod,
  openingVerb,
  RANK,
  sharedOpeningWord,
  verbOfWords,
  type VerbReading,
} from '../verb.ts';
import { firstSentence, type ToolFacts } from './tool-facts.ts';

/** A verb and where it was read. */
export interface ReadVerb {
  reading: VerbReading;
  source: EvidenceSource;
}

/** Step 1: the category from the verb, its confidence, and the evidence for both. */
export interface VerbFinding {
  category: Category;
  /** The verb the category rests on; none when nothing says what the tool does. */
  verb?: ReadVerb;
  /** The first verb found (name, else title, else description), before the corrections. */
  first?: ReadVerb;
  confidence: number;
  evidence: readonly Evidence[];
}

const GENERIC_VERBS = new Set(['manage', 'handle']);
const OPENING = 'first sentence of the description';

export const describeReading = (r: VerbReading, where: string) => `${r.lead} in the ${where}${r.note ? ` (${r.note})` : ''}`;

/** The verb: from the name, else the title, else the description's first sentence; then corrected. */
export function readVerb(facts: ToolFacts): VerbFinding {
  return CORRECTIONS.reduce((finding, correct) => correct(facts, finding) ?? finding, firstVerb(facts));
}

/**
 * What a name's verb acts on, for the evidence: the words after it (`retention policy` of
 * `get_retention_policy`), or before it when it ends the name (`eval` of `eval_get`).
 */
function objectOf(words: readonly string[], verb: string, context: ToolFacts['context']): string | undefined {
  const at = words.indexOf(verb);
  if (at < 0) return undefined;
  const side = at === words.length - 1 ? words.slice(0, at) : words.slice(at + 1);
  if (side.some((w) => categoryOfWord(w, context) !== undefined && !NOUN_OR_VERB.has(w))) return undefined;
  const object = side.slice(0, 4);
  return object.length > 0 ? object.join(' ') : undefined;
}

function firstVerb({ tool, tokens, lead, context }: ToolFacts): VerbFinding {
  const fromName = verbOfWords(tokens, context, endsWithMethod(tool.name));
  const fromTitle = !fromName && tool.title ? verbOfWords(nameTokens(tool.title), context) : undefined;
  const fromDescription = !fromName && !fromTitle ? (descriptionVerb(lead, context) ?? cjkOpeningVerb(tool.description ?? '')) : undefined;
  const reading = fromName ?? fromTitle ?? fromDescription;
  if (!reading) return { category: 'other', confidence: 0.15, evidence: [] };
  const source: EvidenceSource = fromName ? 'name' : fromTitle ? 'title' : 'description';
  // The reading that decided, with its object: “verb “get” in the name, object “retention policy”“.
  const object = fromName && !reading.noun ? objectOf(tokens, reading.verb, context) : undefined;
  const detail = `${describeReading(reading, source === 'description' ? OPENING : source)}${object ? `, object “${object}”` : ''}`;
  return {
    category: reading.category,
    verb: { reading, source },
    first: { reading, source },
    confidence: fromName ? 0.55 : fromTitle ? 0.5 : 0.4,
    evidence: [{ source, detail, kind: 'category', category: reading.category }],
  };
}

/** The finding with the category the description's opening gives, for the reason in `detail`. */
function readFromOpening(finding: VerbFinding, category: Category, reading: VerbReading | undefined, detail: string): VerbFinding {
  return {
    ...finding,
    category,
    verb: reading && { reading, source: 'description' },
    evidence: [...finding.evidence, { source: 'description', detail, kind: 'category', category }],
  };
}

const nameVerb = (finding: VerbFinding) => (finding.first?.source === 'name' ? finding.first.reading : undefined);

type Correction = (facts: ToolFacts, finding: VerbFinding) => VerbFinding | undefined;

// "Compute a result by running Python", "Interpret a Lua chunk": the first sentence says code is run.
// The verb opens the sentence or a clause of its own ("by running", "and executes"): "a running
// session" or "an executed statement" only names one.
const RUNS_CODE =
  /(?:^|\b(?:by|and|then|to|that|which|re) )(?:runs?|running|execut(?:e|es|ing)|evaluat(?:e|es|ing)|interpret(?:s|ing)?) (?:\w+ ){0,2}?(?:python|javascript|typescript|js|lua|ruby|perl|php|shell|bash|powershell|sql|code|scripts?|commands?|programs?)\b/;

// Heads of a noun phrase that names something handed back: “sentiment analysis”, “DNS query analysis”.
const LOOKED_AT_HEADS = new Set([
  'analysis',
  'analytics',
  'overview',
  'summary',
  'statistics',
  'stats',
  'report',
  'lookup',
  'metrics',
  'insights',
  'breakdown',
  'introspection',
  'diagnostics',
  'comparison',
  'information',
  'details',
  'metadata',
  'history',
  'listing',
]);
const PHRASE_ENDS = new Set(['of', 'for', 'from', 'using', 'with', 'by', 'in', 'on', 'via', 'based', 'across', 'between']);

/** The head of a first sentence that is a noun phrase: its last word before a preposition. */
function phraseHead(lead: readonly string[]): string | undefined {
  const end = lead.findIndex((w) => PHRASE_ENDS.has(w));
  const phrase = lead.slice(0, end < 0 ? lead.length : end);
  return phrase.length > 0 && phrase.length <= 5 ? phrase.at(-1) : undefined;
}

const CORRECTIONS: readonly Correction[] = [
  // “Basic sentiment analysis using keyword matching”: with no verb anywhere, a first sentence that
  // names an analysis, a summary or details, and no change, says what comes back.
  function namesWhatComesBack({ lead, description, context }, finding) {
    if (finding.verb || finding.category !== 'other') return undefined;
    const head = phraseHead(lead);
    if (!head || !LOOKED_AT_HEADS.has(head) || changeVerbIn(textWords(firstSentence(description)), context)) return undefined;
    return { ...readFromOpening(finding, 'read', undefined, `the description names what it returns (“${head}”), and no change`), confidence: 0.35 };
  },
  // Whatever the name's verb, a first sentence that says it runs code or commands executes.
  function statesItRunsCode({ lead }, finding) {
    if (finding.category === 'execute' || finding.category === 'destructive' || finding.category === 'financial') return undefined;
    const runs = RUNS_CODE.exec(lead.join(' '));
    if (!runs) return undefined;
    return readFromOpening(finding, 'execute', undefined, `the description says it runs code (“${runs[0]}”)`);
  },
  // A description that opens with a verb that changes things outweighs a name that reads
  // ("Records feedback ..."); "Executes" counts only with code, commands or SQL in sight.
  function changesOutweighReading({ lead, context, tokenSet }, finding) {
    if (finding.category !== 'read' || finding.first?.source === 'description') return undefined;
    // `list_refunds`, "Refunds issued in ...": the opening repeats the noun the name reads.
    if (lead[0] !== undefined && lead[0] !== finding.first?.reading.verb && tokenSet.has(lead[0])) return undefined;
    const opening = openingVerb(lead, context);
    const runsCode = lead.slice(0, 6).some((w) => EXECUTING_OBJECTS.has(w));
    // A verb joined by and/or counts when it removes ("Lists old exports and deletes them"): other joined
    // words are as often nouns ("and sync state", "and payout history").
    if (
      !opening ||
      (opening.joined && opening.category !== 'destructive') ||
      RANK[opening.category] <= RANK.read ||
      (opening.category === 'execute' && !runsCode)
    )
      return undefined;
    return readFromOpening(finding, opening.category, opening, describeReading(opening, OPENING));
  },
  // A noun that reads (`logs` in `compact_logs`) says nothing when the name opens with a verb the
  // classifier does not know: the description opening with that same word shows it is the verb.
  function unknownVerb({ tokens, lead, context }, finding) {
    const fromName = nameVerb(finding);
    const word = fromName?.noun ? sharedOpeningWord(tokens, lead) : undefined;
    if (!fromName || !word || word === fromName.verb || categoryOfWord(word, context) !== undefined) return undefined;
    const detail = `“${word}” opens the name and the description: an action, not a look at “${fromName.verb}”`;
    // Nothing says what the action does: the level stays cautious.
    return { ...readFromOpening(finding, 'other', undefined, detail), confidence: 0.2 };
  },
  // A generic verb (`manage_widgets`) says nothing of what is done: a description that opens with
  // something specific decides (the operations offered in the schema are weighed later).
  function genericVerbGivesWay({ lead, context }, finding) {
    const fromName = nameVerb(finding);
    if (!fromName || !GENERIC_VERBS.has(fromName.verb)) return undefined;
    const opening = openingVerb(lead, context);
    if (!opening || GENERIC_VERBS.has(opening.verb) || opening.category === finding.category || opening.category === 'execute') return undefined;
    return readFromOpening(finding, opening.category, opening, `${describeReading(opening, OPENING)}, more specific than “${fromName.verb}”`);
  },
];
