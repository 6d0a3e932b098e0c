import type { Tool } from '../schema/server.ts';
import { CATEGORY_LABELS, isLowConfidence, type Category, type Level, type Signal } from '../risk.ts';
import { listParameters, type Parameter } from '../input-schema/parameters.ts';
import type { Evidence } from './evidence.ts';
import { readFacts } from './steps/tool-facts.ts';
import { readVerb } from './steps/verb-step.ts';
import { executingSignals, readSignals, sendingEvidence } from './steps/signal-step.ts';
import { refineCategory } from './steps/category-step.ts';
import { statedEffect } from './steps/stated-effect-step.ts';
import { weighDescription } from './steps/description-step.ts';
import { weighAnnotations } from './steps/annotation-step.ts';
import { levelFor } from './steps/level-table.ts';
import { NOUN_OR_VERB } from './lexicon.ts';

export interface Classification {
  category: Category;
  level: Level;
  signals: Signal[];
  /** What the name, title, description and schema alone say: before annotations and editors. */
  definitionCategory: Category;
  /** 0..1: how much the verdict rests on. */
  confidence: number;
  evidence: Evidence[];
  /** True when the data file's editors set the category or level. */
  overridden: boolean;
  rationale: string;
}

/**
 * Classifies one tool from its own definition, step by step (each step reads the facts and what
 * the steps before it found); an editorial override wins and says so.
 */
export function classifyTool(tool: Tool, parameters: readonly Parameter[] = listParameters(tool.inputSchema)): Classification {
  const facts = readFacts(tool, parameters);
  // 1. The verb.
  const verb = readVerb(facts);
  // 2. Signals, then 3. category refinements and the signal they bring (a write that sends).
  const signals = readSignals(facts, verb.category, verb.verb?.reading.verb);
  const executing = executingSignals(signals, verb.category);
  const refinedBySteps = refineCategory({ facts, verb: verb.verb?.reading.verb, executing, paramHits: signals.paramHits }, verb.category);
  // 3b. What the description states outright outranks what a noun suggested.
  const stated = statedEffect({ facts, verb, category: refinedBySteps.category, raisedByRefinement: refinedBySteps.evidence.length > 0, executing });
  const refined = { category: stated.category, evidence: [...refinedBySteps.evidence, ...stated.evidence] };
  const sending = signals.signals.includes('sends-external') ? undefined : sendingEvidence(facts, refined.category, verb.verb);
  const raised: Signal[] = sending ? [...signals.signals, 'sends-external'] : [...signals.signals];
  // 4. The description backs the verdict or not; 5. annotations, untrusted hints.
  const description = weighDescription(facts, refined.category);
  const annotations = weighAnnotations(facts.annotations, description.category);
  // Added in the order the steps run (floating-point sums depend on it); named parameters add a little.
  const confidence = verb.confidence + description.confidence + (facts.params.length > 0 ? 0.05 : 0) + annotations.confidence;
  // 6. The level.
  const level = levelFor({
    category: annotations.category,
    signals: raised,
    nameWords: facts.tokens,
    destructiveHint: facts.annotations.destructiveHint === true,
    executing,
    saysReadOnly: /\bread[- ]only\b/.test(facts.lowerDescription),
    // `buy_domain`, `pay_invoice`: a plain money verb (of the name, else the description) is a movement by itself.
    movesMoney: facts.movesMoney || (verb.first?.reading.category === 'financial' && !NOUN_OR_VERB.has(verb.first.reading.verb)),
    firstVerb: verb.first?.reading.category,
    lowConfidence: isLowConfidence(confidence),
  });
  return withOverrides(tool, {
    category: annotations.category,
    level: level.level,
    signals: raised,
    definitionCategory: description.category,
    confidence: Math.round(Math.min(0.95, Math.max(0.05, confidence)) * 100) / 100,
    evidence: [
      ...verb.evidence,
      ...signals.evidence,
      ...refined.evidence,
      ...(sending ? [sending] : []),
      ...description.evidence,
      ...annotations.evidence,
      ...level.evidence,
    ],
    overridden: false,
    rationale: '',
  });
}

/** The editors' category or level, when the data file sets one, and the rationale either way. */
function withOverrides(tool: Tool, computed: Classification): Classification {
  const o = tool.overrides;
  let c = computed;
  if (o?.category || o?.level) {
    const detail = [o.category && `category ${o.category}`, o.level && `level ${o.level}`].filter(Boolean).join(', ');
    const evidence: Evidence = { source: 'override', detail: `editors set ${detail}`, kind: 'override', replaced: { category: c.category, level: c.level } };
    c = { ...c, category: o.category ?? c.category, level: o.level ?? c.level, confidence: 1, evidence: [evidence, ...c.evidence], overridden: true };
  }
  return { ...c, rationale: o?.rationale ?? writeRationale(c) };
}

const REASON_RANK: Partial<Record<Evidence['kind'], number>> = { category: 0, level: 1, signal: 2 };

/** The evidence that moved the rating, strongest first (what set the category, then the level, then signals), as short phrases. */
export function ratingReasons(c: Classification): string[] {
  return c.evidence
    .filter((e) => REASON_RANK[e.kind] !== undefined)
    .sort((a, b) => REASON_RANK[a.kind]! - REASON_RANK[b.kind]!)
    .map((e) => e.detail)
    .slice(0, 4);
}

/** One or two sentences from the evidence. */
export function writeRationale(c: Classification): string {
  const reasons = ratingReasons(c);
  const head = `Rated ${c.level} (${CATEGORY_LABELS[c.category].toLowerCase()})`;
  const body = reasons.length > 0 ? `${head} because of: ${reasons.join('; ')}.` : `${head}: nothing in its name, description or schema says what it does.`;
  const certainty = isLowConfidence(c.confidence) ? ' The evidence is thin, so treat this rating as a cautious guess.' : '';
  return body + certainty;
}
