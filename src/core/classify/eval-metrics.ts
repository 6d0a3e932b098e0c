import { CATEGORIES, LEVELS, type Category, type Level } from '../risk.ts';
import { HINT_CLASSES, type FigureKey, type HintClass } from '../schema/accuracy.ts';
import type { Annotations } from '../schema/server.ts';

/**
 * Accuracy figures of the classifier against the authors' MCP annotations. The annotations are
 * hidden from the classifier when it runs, so they are an independent (if imperfect) reference.
 */
export interface EvalSample {
  annotations?: Annotations;
  category: Category;
  level: Level;
}

export function hintClass(annotations: Annotations | undefined): HintClass {
  if (annotations?.readOnlyHint === true) return 'read-only';
  if (annotations?.destructiveHint === true) return 'destructive';
  if (annotations?.readOnlyHint === false || annotations?.destructiveHint === false) return 'write';
  return 'no hint';
}

/** `count` of `of`; `share` is null when there is nothing to measure (of = 0). */
export interface Share {
  count: number;
  of: number;
  share: number | null;
}

export interface EvalFigures {
  tools: number;
  /** Of tools with readOnlyHint false, those classified read: the dangerous mistake. */
  readOnWrites: Share;
  /** Of tools with destructiveHint true (and not readOnlyHint true), those classified read or rated low. */
  harmlessDestructive: Share;
  /** Of tools with readOnlyHint true, those classified read. */
  readRecall: Share;
  /** Of tools with readOnlyHint true, those rated high or critical: the alarm that teaches users to ignore badges. */
  falseAlarm: Share;
  /** Where readOnlyHint is given, how often "classified read" matches it. */
  agreement: Share;
}

function share(samples: readonly EvalSample[], applies: (s: EvalSample) => boolean, hits: (s: EvalSample) => boolean): Share {
  const relevant = samples.filter(applies);
  const count = relevant.filter(hits).length;
  return { count, of: relevant.length, share: relevant.length === 0 ? null : count / relevant.length };
}

export function computeFigures(samples: readonly EvalSample[]): EvalFigures {
  const read = (s: EvalSample) => s.category === 'read';
  return {
    tools: samples.length,
    readOnWrites: share(samples, (s) => s.annotations?.readOnlyHint === false, read),
    harmlessDestructive: share(
      samples,
      (s) => s.annotations?.destructiveHint === true && s.annotations.readOnlyHint !== true,
      (s) => read(s) || s.level === 'low',
    ),
    readRecall: share(samples, (s) => s.annotations?.readOnlyHint === true, read),
    falseAlarm: share(
      samples,
      (s) => s.annotations?.readOnlyHint === true,
      (s) => s.level === 'high' || s.level === 'critical',
    ),
    agreement: share(
      samples,
      (s) => typeof s.annotations?.readOnlyHint === 'boolean',
      (s) => read(s) === s.annotations?.readOnlyHint,
    ),
  };
}

/** The `--json` form: the shares alone (0..1, or null when nothing was measured). */

export function figuresJson(figures: EvalFigures): Record<'tools' | FigureKey, number | null> {
  return {
    tools: figures.tools,
    readOnWrites: figures.readOnWrites.share,
    harmlessDestructive: figures.harmlessDestructive.share,
    readRecall: figures.readRecall.share,
    falseAlarm: figures.falseAlarm.share,
    agreement: figures.agreement.share,
  };
}

/** Whether a sample counts against a figure (a write read as a read, a false alarm...), for listing the errors. */
export function figureErrors(sample: EvalSample): FigureKey[] {
  const hint = sample.annotations;
  const errors: FigureKey[] = [];
  if (hint?.readOnlyHint === false && sample.category === 'read') errors.push('readOnWrites');
  if (hint?.destructiveHint === true && hint.readOnlyHint !== true && (sample.category === 'read' || sample.level === 'low'))
    errors.push('harmlessDestructive');
  if (hint?.readOnlyHint === true && sample.category !== 'read') errors.push('readRecall');
  if (hint?.readOnlyHint === true && (sample.level === 'high' || sample.level === 'critical')) errors.push('falseAlarm');
  return errors;
}

export interface Confusion {
  byCategory: Record<HintClass, Record<Category, number>>;
  byLevel: Record<HintClass, Record<Level, number>>;
}

/** Counts of author hint (rows) against classifier category and level (columns). */
export function confusion(samples: readonly EvalSample[]): Confusion {
  const zeros = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  const result: Confusion = {
    byCategory: Object.fromEntries(HINT_CLASSES.map((h) => [h, zeros(CATEGORIES)])) as Confusion['byCategory'],
    byLevel: Object.fromEntries(HINT_CLASSES.map((h) => [h, zeros(LEVELS)])) as Confusion['byLevel'],
  };
  for (const sample of samples) {
    const row = hintClass(sample.annotations);
    result.byCategory[row][sample.category]++;
    result.byLevel[row][sample.level]++;
  }
  return result;
}
