import type { Category, EvidenceSource, Signal } from '../../risk.ts';
import type { Evidence } from '../evidence.ts';
import { ATTACK_WORDS, CONTENT_PARAMS, DOWNLOADS_LOCALLY, PLACES_RESULT, PRICE_NOUNS, SAVES_RESULT, SENDS_ELSEWHERE, TARGET_PARAMS } from '../lexicon.ts';
import { textWords } from '../../text/tokens.ts';
import { isFreeText, outputParameter, worstOperation } from '../schema-evidence.ts';
import { RANK } from '../verb.ts';
import { firstSentence, type ToolFacts } from './tool-facts.ts';

/** What step 3 weighs besides the definition: the verb read and the executing signals raised. */
export interface RefineInput {
  facts: ToolFacts;
  verb: string | undefined;
  executing: readonly Signal[];
  paramHits: ReadonlyMap<Signal, string>;
}

/** A category and the evidence of each change that led to it. */
export interface CategoryFinding {
  category: Category;
  evidence: readonly Evidence[];
}

type Change = { category: Category; source: EvidenceSource; detail: string };
type Refinement = (input: RefineInput, category: Category) => Change | undefined;

const URL_PARAMS = new Set(['url', 'uri', 'href', 'link']);

/** Step 3: executing parameters, money, page automation, the schema's operations, saved results, stored text. */
export function refineCategory(input: RefineInput, category: Category): CategoryFinding {
  return REFINEMENTS.reduce<CategoryFinding>(
    (found, refine) => {
      const change = refine(input, found.category);
      if (!change) return found;
      return {
        category: change.category,
        evidence: [...found.evidence, { source: change.source, detail: change.detail, kind: 'category', category: change.category }],
      };
    },
    { category, evidence: [] },
  );
}

const REFINEMENTS: readonly Refinement[] = [
  // An injection or brute-force test sends attacks to the address it is given: it acts on a system, whatever its verb.
  function attacksATarget({ facts }, category) {
    if (category === 'execute' || category === 'destructive' || category === 'financial') return undefined;
    const attack = [...facts.tokens, ...textWords(firstSentence(facts.description))].find((w) => ATTACK_WORDS.has(w));
    const target = facts.params.find((p) => TARGET_PARAMS.has(p));
    if (!attack || !target) return undefined;
    return { category: 'execute', source: 'description', detail: `“${attack}” sent to the \`${target}\` it is given: an attack on a system, not a read` };
  },
  function runsWhatItTakes({ executing, paramHits }, category) {
    if (category === 'execute' || !executing.some((s) => paramHits.has(s))) return undefined;
    return { category: 'execute', source: 'schema', detail: `takes ${executing.map((s) => `\`${paramHits.get(s)}\``).join(' and ')} to run` };
  },
  function changesMoney({ facts, verb }, category) {
    // No verb (`wallet_transfer`): a name that is a money movement, taking an amount, makes one.
    if (category === 'other' && facts.movementNoun && facts.amountParam) {
      return { category: 'financial', source: 'schema', detail: `“${facts.movementNoun}” in the name, with an amount (\`${facts.amountParam}\`)` };
    }
    // `send_crypto(amount)`, `send_usdc`: what is sent with an amount is money, named or not.
    if (category === 'write' && verb === 'send' && facts.amountParam) {
      return { category: 'financial', source: 'schema', detail: `“send” with an amount (\`${facts.amountParam}\`)` };
    }
    if ((category !== 'write' && category !== 'destructive') || !facts.moneyNoun) return undefined;
    // Setting a price is catalogue work: what things cost, not money changing hands.
    if (PRICE_NOUNS.has(facts.moneyNoun) && !facts.movementNoun) return undefined;
    return { category: 'financial', source: 'name', detail: `a ${category === 'write' ? 'write' : 'removal'} on “${facts.moneyNoun}”` };
  },
  // Browser and device automation: opening a URL or setting a form value changes the page.
  function drivesAPage({ facts: { params }, verb }, category) {
    if (category !== 'read') return undefined;
    const urlParam = params.find((p) => URL_PARAMS.has(p));
    const valueParam = params.find((p) => p === 'value' || p === 'values');
    if (verb === 'open' && urlParam)
      return { category: 'write', source: 'schema', detail: `“open” with a \`${urlParam}\` parameter drives a browser or device` };
    if (verb === 'select' && valueParam && params.some((p) => p === 'selector' || p === 'element' || p === 'uid' || p === 'ref')) {
      return { category: 'write', source: 'schema', detail: `“select” with a \`${valueParam}\` for a page element sets a form field` };
    }
    return undefined;
  },
  function offersWorseOperation({ facts }, category) {
    const operation = worstOperation(facts.parameters, facts.context);
    if (!operation || !(category === 'other' || (category !== 'execute' && category !== 'financial' && RANK[operation.reading.category] > RANK[category])))
      return undefined;
    return { category: operation.reading.category, source: 'schema', detail: `parameter \`${operation.parameter}\` can ask for “${operation.value}”` };
  },
  // A reader that also sends what it reads to an outside address is a write that sends (its level follows).
  function sendsElsewhere({ facts }, category) {
    if (category !== 'read' && category !== 'other') return undefined;
    const sends = SENDS_ELSEWHERE.exec(facts.lowerDescription);
    return sends ? { category: 'write', source: 'description', detail: `the description says it sends data to an outside address (“${sends[0]}”)` } : undefined;
  },
  function savesItsResult({ facts }, category) {
    if (category !== 'read' && category !== 'other') return undefined;
    const output = outputParameter(facts.parameters);
    if (output) return { category: 'write', source: 'schema', detail: `parameter \`${output.path}\` saves the result to a file` };
    // Where the result goes is said with what the tool does: the first sentence, not a later example.
    const saves =
      SAVES_RESULT.exec(facts.lowerDescription) ??
      PLACES_RESULT.exec(firstSentence(facts.lowerDescription)) ??
      DOWNLOADS_LOCALLY.exec(firstSentence(facts.lowerDescription));
    return saves ? { category: 'write', source: 'description', detail: `the description says it saves its result (“${saves[0]}”)` } : undefined;
  },
  function storesText({ facts: { parameters, params } }, category) {
    if (category !== 'other') return undefined;
    const contentIndex = parameters.findIndex((p, i) => CONTENT_PARAMS.has(params[i]!) && isFreeText(p));
    return contentIndex >= 0 ? { category: 'write', source: 'schema', detail: `takes \`${params[contentIndex]}\` text to store` } : undefined;
  },
];
