/** Parses the report of GNU `time -v` (also written by `time -v -o file`). */
export interface TimeReport {
  /** Peak resident set size of the largest process in the tree, in kilobytes (as the kernel reports it). */
  maxRssKb: number;
  elapsedSeconds: number;
  userSeconds: number;
  systemSeconds: number;
  exitStatus: number;
}

/** "1:02:03.45", "2:03.45" or "3.45" to seconds. */
export function parseClock(text: string): number {
  return text
    .trim()
    .split(':')
    .reduce((total, part) => total * 60 + Number(part), 0);
}

export function parseTimeV(text: string): TimeReport {
  const field = (label: string): string => {
    const line = text.split('\n').find((l) => l.trim().startsWith(label));
    if (!line) throw new Error(`time -v output has no "${label}" line (is /usr/bin/time GNU time?)`);
    return line.slice(line.lastIndexOf(': ') + 2).trim();
  };
  return {
    maxRssKb: Number(field('Maximum resident set size (kbytes)')),
    elapsedSeconds: parseClock(field('Elapsed (wall clock) time')),
    userSeconds: Number(field('User time (seconds)')),
    systemSeconds: Number(field('System time (seconds)')),
    exitStatus: Number(field('Exit status')),
  };
}
