/** Reads the timings the build prints: `rendered N pages in X s` (its page processes) and `indexed … in X s` (the search index). */
export interface BuildLogTimes {
  /** From starting the page processes until the last one exits: the pages they rendered, and the seconds. */
  astroPages: number;
  astroSeconds: number;
  indexedPages: number;
  indexSeconds: number;
}

const ANSI = /\u001b\[[0-9;]*m/g;

export function parseBuildLog(log: string): BuildLogTimes {
  const text = log.replace(ANSI, '');
  const built = /rendered ([\d,]+) pages? in (\d+(?:\.\d+)?) s/.exec(text);
  const indexed = /indexed ([\d,]+) (?:pages|records|server documents)(?: \([^)]*\))? in (\d+(?:\.\d+)?) s/.exec(text);
  if (!built) throw new Error('the build log has no "rendered N pages in X s" line');
  if (!indexed) throw new Error('the build log has no "indexed N records in X s" line');
  return {
    astroPages: Number(built[1]!.replace(/,/g, '')),
    astroSeconds: Number(built[2]),
    indexedPages: Number(indexed[1]!.replace(/,/g, '')),
    indexSeconds: Number(indexed[2]),
  };
}
