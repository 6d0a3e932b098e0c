import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatShard, type Shard } from '../core/catalog/shards.ts';
import { BUILD_MARKER } from './output-guard.ts';

/**
 * The marker file every build leaves at its root also records each server's key (see
 * core/catalog/server-keys.ts), so the next build can tell which servers' pages it can reuse.
 */
export interface BuildManifest {
  generator: 'policy-atlas';
  /** `i/n` when the build holds one shard of the servers only. */
  shard?: string;
  servers: Record<string, string>;
}

export function manifestText(keys: ReadonlyMap<string, string>, shard?: Shard): string {
  const servers = Object.fromEntries([...keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return `${JSON.stringify({ generator: 'policy-atlas', ...(shard ? { shard: formatShard(shard) } : {}), servers } satisfies BuildManifest)}\n`;
}

/** The server keys a previous build recorded, for the servers whose pages it still holds. */
export function previousServerKeys(folder: string | undefined): Map<string, string> | undefined {
  if (!folder) return undefined;
  let manifest: Partial<BuildManifest>;
  try {
    manifest = JSON.parse(readFileSync(join(folder, BUILD_MARKER), 'utf8')) as Partial<BuildManifest>;
  } catch {
    return undefined;
  }
  if (manifest.generator !== 'policy-atlas' || typeof manifest.servers !== 'object' || manifest.servers === null) return undefined;
  const keys = new Map<string, string>();
  for (const [slug, key] of Object.entries(manifest.servers)) {
    if (typeof key === 'string' && existsSync(join(folder, 'servers', slug, 'index.html'))) keys.set(slug, key);
  }
  return keys;
}
