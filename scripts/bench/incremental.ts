import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { SyntheticServer } from './generate-catalog.ts';
import { walkFiles } from './dist-stats.ts';

/**
 * Changes `share` of the servers the way live servers change: a description edited, a tool added,
 * a tool removed (in turn), deterministically. Returns the slugs it changed.
 */
export function changeServers(catalogDir: string, servers: readonly SyntheticServer[], share: number): string[] {
  const count = Math.max(1, Math.round(servers.length * share));
  const step = Math.max(1, Math.floor(servers.length / count));
  const changed: string[] = [];
  for (let i = 0; i < count; i++) {
    const { slug } = servers[(i * step) % servers.length]!;
    const file = join(catalogDir, 'servers', `${slug}.json`);
    const data = JSON.parse(readFileSync(file, 'utf8')) as { tools: { name: string; description?: string }[] };
    if (i % 3 === 0 && data.tools[0]) data.tools[0].description = `${data.tools[0].description ?? ''} Edited for the incremental bench.`;
    else if (i % 3 === 1) data.tools.push({ name: `bench_added_tool_${i}`, description: 'A tool the server added since the last build.' });
    else if (data.tools.length > 1) data.tools.pop();
    writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
    changed.push(slug);
  }
  return changed;
}

/** Files that differ between two trees (missing on either side, or other bytes). */
export function treeDifferences(a: string, b: string): string[] {
  const hashes = (dir: string) => {
    const out = new Map<string, string>();
    for (const file of walkFiles(dir)) out.set(relative(dir, file), createHash('sha256').update(readFileSync(file)).digest('hex'));
    return out;
  };
  const left = hashes(a);
  const right = hashes(b);
  const differ = [...left].filter(([file, hash]) => right.get(file) !== hash).map(([file]) => file);
  return [...differ, ...[...right.keys()].filter((file) => !left.has(file))].sort();
}
