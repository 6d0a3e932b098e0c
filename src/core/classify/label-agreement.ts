import { z } from 'zod';
import { CATEGORIES, LEVELS, type Category, type Level } from '../risk.ts';

/** A person's reading of one tool, made without seeing the classifier's; the tool is named by a hash of its name. */
export const BlindLabelSchema = z.object({
  file: z.string(),
  tool: z.string().regex(/^[0-9a-f]{16}$/),
  category: z.enum(CATEGORIES),
  readOnly: z.boolean(),
  level: z.enum(LEVELS),
});
export const BlindLabelsSchema = z.object({ about: z.string().optional(), labels: z.array(BlindLabelSchema) });
export type BlindLabel = z.output<typeof BlindLabelSchema>;

/** A share with its 95% Wilson interval, which stays inside 0..1 for small samples. */
export interface Proportion {
  count: number;
  of: number;
  low: number;
  high: number;
}

export function wilson(count: number, of: number, z95 = 1.96): Proportion {
  if (of === 0) return { count, of, low: 0, high: 1 };
  const p = count / of;
  const denominator = 1 + (z95 * z95) / of;
  const centre = (p + (z95 * z95) / (2 * of)) / denominator;
  const half = (z95 * Math.sqrt((p * (1 - p)) / of + (z95 * z95) / (4 * of * of))) / denominator;
  return { count, of, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface Rated {
  category: Category;
  level: Level;
}

export interface LabelAgreement {
  /** Same category as the reader. */
  category: Proportion;
  /** Read versus not read, as the reader says. */
  readOrNot: Proportion;
  /** Of the reader's reads, those the classifier calls read. */
  readRecall: Proportion;
  /** Of the reader's reads, those rated high or critical. */
  readAlarm: Proportion;
  /** Of the reader's non-reads, those the classifier calls read. */
  readOnWrites: Proportion;
}

export function labelAgreement(pairs: readonly { label: BlindLabel; rated: Rated }[]): LabelAgreement {
  const count = (of: typeof pairs, hit: (p: (typeof pairs)[number]) => boolean) => wilson(of.filter(hit).length, of.length);
  const reads = pairs.filter((p) => p.label.readOnly);
  const changes = pairs.filter((p) => !p.label.readOnly);
  return {
    category: count(pairs, (p) => p.label.category === p.rated.category),
    readOrNot: count(pairs, (p) => p.label.readOnly === (p.rated.category === 'read')),
    readRecall: count(reads, (p) => p.rated.category === 'read'),
    readAlarm: count(reads, (p) => p.rated.level === 'high' || p.rated.level === 'critical'),
    readOnWrites: count(changes, (p) => p.rated.category === 'read'),
  };
}
