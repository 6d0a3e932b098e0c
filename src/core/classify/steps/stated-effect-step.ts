import type { Category } from '../../risk.ts';
import type { Evidence } from '../evidence.ts';
import { NOUN_OR_VERB } from '../lexicon.ts';
import { changeVerbIn, openingVerb, RANK } from '../verb.ts';
import { textWords } from '../../text/tokens.ts';
import { firstSentence, type ToolFacts } from './tool-facts.ts';
import type { VerbFinding } from './verb-step.ts';

/**
 * Step 3b: what the description states outright outranks what a noun suggested. "Read-only", "does
 * not modify", or a first sentence that opens by returning, listing or showing and names no change,
 * pull a tool back to read when only a noun, an unknown or generic verb, or a verb the description
 * never uses pushed it elsewhere. A verb that destroys, pays or runs is never pulled back, nor a
 * category the schema raised (an operation offered, a result saved): those are effects, not words.
 */
export interface StatedEffectInput {
  facts: ToolFacts;
  verb: VerbFinding;
  /** Category steps 1 to 3 reached, and whether step 3 raised it (an operation offered, a result saved, data sent). */
  category: Category;
  raisedByRefinement: boolean;
  /** Executing signals backed by a parameter. */
  executing: readonly string[];
}

export interface StatedEffectFinding {
  category: Category;
  evidence: readonly Evidence[];
}

// "read-only", "readonly", "does not modify", "without making changes", "no side effects".
const SAYS_READ_ONLY =
  /\b(?:read[- ]?only|(?:does|do|will) not (?:modify|change|alter|write|create|update|delete)|doesn't (?:modify|change|alter|write)|(?:without|never) (?:modifying|changing|altering|writing|making (?:any )?changes)|no side[- ]effects|only reads|makes no changes)\b/;
// "Sets the bucket to read-only", "mark as read-only": read-only is what the tool makes, not what it is.
const MAKES_READ_ONLY =
  /\b(?:to|as|make|makes|making|set|sets|setting|mark|marks|toggle|toggles|enable|enables|disable|disables|switch|switches)\s+(?:\w+\s+){0,2}read[- ]?only\b/;
// A description that opens with one of these says what comes back.
const READ_OPENINGS = new Set([
  'return',
  'get',
  'list',
  'show',
  'retrieve',
  'fetch',
  'search',
  'find',
  'describe',
  'count',
  'read',
  'display',
  'view',
  'look',
  'lookup',
  'check',
  'calculate',
  'compute',
]);

export function statedEffect({ facts, verb, category, raisedByRefinement, executing }: StatedEffectInput): StatedEffectFinding {
  const unchanged = { category, evidence: [] };
  const pullable = category === 'write' || category === 'other' || (category === 'execute' && executing.length === 0);
  const nameVerb = verb.first?.reading;
  if (
    !pullable ||
    raisedByRefinement ||
    (nameVerb && RANK[nameVerb.category] >= RANK.destructive) ||
    RANK[verb.category === 'other' ? 'read' : verb.category] >= RANK.destructive
  )
    return unchanged;
  if (namesAChange(facts)) return unchanged;
  // A plain verb in the name that the description speaks of decides: `create_issue`, "Create a new
  // issue ...", stays a write whatever else is read-only; `update_user`, "Returns the updated user", too.
  const nameWord = verb.first?.source === 'name' ? nameVerb?.verb : undefined;
  const plainNameVerb = nameWord !== undefined && !nameVerb?.noun && !NOUN_OR_VERB.has(nameWord) && !GENERIC_VERBS.has(nameWord);
  if (plainNameVerb && facts.lowerDescription.includes(nameWord.slice(0, Math.max(4, nameWord.length - 2)))) return unchanged;
  const stated = statedReadOnly(facts.description);
  if (stated) return readBecause(`the description says it only reads (“${stated}”)`);
  const opening = openingVerb(facts.lead, facts.context);
  if (!opening || opening.joined || opening.category !== 'read' || !READ_OPENINGS.has(opening.verb)) return unchanged;
  return readBecause(`the description opens with “${facts.lead[0]}”, which only reads, and names no change`);

  function readBecause(detail: string): StatedEffectFinding {
    return { category: 'read', evidence: [{ source: 'description', detail, kind: 'category', category: 'read' }] };
  }
}

const GENERIC_VERBS = new Set(['manage', 'handle']);

/**
 * A statement that the tool itself only reads: in its first sentence, in parentheses, or as a short
 * sentence of its own ("Read-only."). Elsewhere it is as likely about another tool or a mode.
 */
function statedReadOnly(description: string): string | undefined {
  const lower = description.toLowerCase();
  const sentences = lower.split(/(?<=[.!?])\s+|\n+/);
  const places = [firstSentence(lower), ...(lower.match(/\([^()]{0,60}\)/g) ?? []), ...sentences.filter((s) => s.split(/\s+/).length <= 6)];
  for (const place of places) {
    const found = SAYS_READ_ONLY.exec(place);
    if (found && !MAKES_READ_ONLY.test(place)) return found[0];
  }
  return undefined;
}

/** A verb of the first sentence, past its opening, that changes, removes, runs or pays. */
const namesAChange = ({ description, context }: ToolFacts) => changeVerbIn(textWords(firstSentence(description)).slice(1), context) !== undefined;
