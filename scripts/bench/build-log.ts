/** Reads the timings the build prints: Astro's `N page(s) built in X` and our Pagefind integration's line. */
export interface BuildLogTimes {
  /** Astro's own figure: from the start of `astro build` to after the build:done hooks (so it includes indexing). */
  astroPages: number;
  astroSeconds: number;
  indexedPages: number;
  indexSeconds: number;
}

const ANSI = /\u001b\[[0-9;]*m/g;

/** Astro's durations: "850ms", "12.34s", "3m 5s". */
export function parseAstroDuration(text: string): number {
  const minutes = /^(\d+)m\s+(\d+)s$/.exec(text);
  if (minutes) return Number(minutes[1]) * 60 + Number(minutes[2]);
  const ms = /^(\d+(?:\.\d+)?)ms$/.exec(text);
  if (ms) return Number(ms[1]) / 1000;
  const s = /^(\d+(?:\.\d+)?)s$/.exec(text);
  if (s) return Number(s[1]);
  throw new Error(`cannot read the duration "${text}"`);
}

export function parseBuildLog(log: string): BuildLogTimes {
  const text = log.replace(ANSI, '');
  const built = /(\d+) page\(s\) built in (\d+m \d+s|\d+(?:\.\d+)?m?s)/.exec(text);
  const indexed = /indexed (\d+) (?:pages|records|server documents)(?: \([^)]*\))? in (\d+(?:\.\d+)?) s/.exec(text);
  if (!built) throw new Error('the build log has no "N page(s) built in X" line');
  if (!indexed) throw new Error('the build log has no "indexed N records in X s" line');
  return {
    astroPages: Number(built[1]),
    astroSeconds: parseAstroDuration(built[2]!),
    indexedPages: Number(indexed[1]),
    indexSeconds: Number(indexed[2]),
  };
}
