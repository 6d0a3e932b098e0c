import { readdirSync, readFileSync } from 'node:fs';

/** RSS in KB of a process and all its descendants now, read from /proc (Linux). */
export function treeRssKb(rootPid: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const status = readFileSync(`/proc/${name}/status`, 'utf8');
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1]);
      const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? 0);
      const pid = Number(name);
      rss.set(pid, kb);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      // the process ended while we read
    }
  }
  let total = 0;
  const stack = [rootPid];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/** Samples the tree's total RSS every `intervalMs` until stopped; returns the peak in KB. */
export function sampleTreeRss(rootPid: number, intervalMs = 250): () => number {
  let peak = 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, treeRssKb(rootPid));
  }, intervalMs);
  return () => {
    clearInterval(timer);
    return peak;
  };
}
