import { z } from 'zod';
import { CATEGORIES, LEVELS } from '../risk.ts';

/**
 * `<catalog>/accuracy.json`, written by `npm run eval:classifier -- <dir> --write`: the classifier's
 * figures on a corpus of real servers. Counts only, never a server's name or text: the corpus is
 * other people's, the counts are ours to publish.
 */
/** What the author's hints say, coarsely: the rows of the confusion table. */
export const HINT_CLASSES = ['read-only', 'destructive', 'write', 'no hint'] as const;
export type HintClass = (typeof HINT_CLASSES)[number];

/** The classifier's figures, each a share of the tools it applies to (classify/eval-metrics.ts). */
export const FIGURE_KEYS = ['readOnWrites', 'harmlessDestructive', 'readRecall', 'falseAlarm', 'agreement'] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];

const count = z.number().int().min(0);

const ShareSchema = z.strictObject({ count, of: count }).refine((share) => share.count <= share.of, { message: 'count cannot exceed of' });

const keyed = <K extends string, V extends z.ZodType>(keys: readonly K[], value: V) =>
  z.strictObject(Object.fromEntries(keys.map((key) => [key, value])) as Record<K, V>);

const GroupSchema = z.strictObject({
  servers: count,
  tools: count,
  figures: keyed(FIGURE_KEYS, ShareSchema),
});

export const AccuracyFileSchema = z.strictObject({
  $schema: z.string().optional(),
  measuredOn: z.iso.date('must be an ISO date (YYYY-MM-DD)'),
  rulesVersion: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+-]{0,31}$/, 'must be a version such as 2026.12.1'),
  splitSeed: z.number().int(),
  all: GroupSchema,
  tuning: GroupSchema,
  checking: GroupSchema,
  /** Author hint (rows) against the classifier's level and category (columns), on the whole corpus. */
  confusion: z.strictObject({
    byLevel: keyed(HINT_CLASSES, keyed(LEVELS, count)),
    byCategory: keyed(HINT_CLASSES, keyed(CATEGORIES, count)),
  }),
});
export type AccuracyFile = z.output<typeof AccuracyFileSchema>;
export type AccuracyGroup = AccuracyFile['all'];
