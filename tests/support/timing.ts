/** The fastest of a few runs of `work`, in ms: the minimum filters out pauses from GC and other processes. */
export function fastestRun(work: () => unknown, runs = 3): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

/**
 * Whether `run` looks linear on `unit` repeated between a prefix and a suffix: 8× the input may take
 * at most 20× the time (a quadratic pass takes 64×, a cubic one 512×). Base times under `floorMs`
 * count as `floorMs`, so timer and GC noise on small inputs cannot fail it.
 */
export function scalesLinearly(run: (input: string) => unknown, prefix: string, unit: string, suffix = '', baseLength = 4000, floorMs = 5) {
  const body = (length: number) => unit.repeat(Math.ceil(length / unit.length));
  const small = body(baseLength);
  const large = body(baseLength * 8);
  // A fresh string each run: V8 caches some regular expression results by subject string.
  const timed = (text: string) => fastestRun(() => run(`${prefix}${text}${suffix}`));
  run(prefix + large + suffix); // warm up: the first call compiles
  const base = Math.max(timed(small), floorMs);
  const eightfold = timed(large);
  return { ok: eightfold <= 20 * base, base, eightfold };
}
