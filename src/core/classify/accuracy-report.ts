import { FIGURE_KEYS, type AccuracyFile, type AccuracyGroup } from '../schema/accuracy.ts';
import { computeFigures, confusion, type EvalSample } from './eval-metrics.ts';
import { splitByServer } from './eval-split.ts';
import { RULES_VERSION } from './rules-version.ts';

export interface MeasuredServer {
  /** What the split is seeded on (the file name); it is not written out. */
  key: string;
  samples: readonly EvalSample[];
}

function group(servers: readonly MeasuredServer[]): AccuracyGroup {
  const samples = servers.flatMap((s) => s.samples);
  const figures = computeFigures(samples);
  return {
    servers: servers.length,
    tools: samples.length,
    figures: Object.fromEntries(FIGURE_KEYS.map((key) => [key, { count: figures[key].count, of: figures[key].of }])) as AccuracyGroup['figures'],
  };
}

/** The figures file for the site: counts of the whole corpus and of both halves of the split. */
export function accuracyReport(servers: readonly MeasuredServer[], seed: number, measuredOn: string): AccuracyFile {
  const halves = splitByServer(servers, (s) => s.key, seed);
  return {
    measuredOn,
    rulesVersion: RULES_VERSION,
    splitSeed: seed,
    all: group(servers),
    tuning: group(halves.tuning),
    checking: group(halves.checking),
    confusion: confusion(servers.flatMap((s) => s.samples)),
  };
}
