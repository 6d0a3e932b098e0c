/** Small number helpers for the benchmark report. */

/** The lower median: always one of the values, so "the median page" is a real page. */
export function lowerMedianIndex(count: number): number {
  return Math.max(0, Math.floor((count - 1) / 2));
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  return [...values].sort((a, b) => a - b)[lowerMedianIndex(values.length)]!;
}

export function max(values: readonly number[]): number {
  return values.reduce((m, v) => (v > m ? v : m), 0);
}

export const toMB = (bytes: number): number => bytes / (1024 * 1024);

/** Rounds for display and JSON: 3 significant decimals for small numbers, fewer for big ones. */
export function round(value: number, decimals = 2): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
