import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SyntheticServer } from './generate-catalog.ts';

export interface WrittenCatalog {
  servers: number;
  tools: number;
  bytes: number;
  removed: number;
}

/** Writes `<dir>/servers/<slug>.json`, first removing the JSON files a previous run left there. */
export function writeCatalog(dir: string, servers: readonly SyntheticServer[]): WrittenCatalog {
  const serversDir = join(dir, 'servers');
  mkdirSync(serversDir, { recursive: true });
  const stale = readdirSync(serversDir).filter((name) => name.endsWith('.json'));
  for (const name of stale) rmSync(join(serversDir, name));
  let bytes = 0;
  let tools = 0;
  for (const { slug, data } of servers) {
    const text = `${JSON.stringify(data, null, 2)}\n`;
    writeFileSync(join(serversDir, `${slug}.json`), text);
    bytes += Buffer.byteLength(text);
    tools += data.tools.length;
  }
  return { servers: servers.length, tools, bytes, removed: stale.length };
}
