import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { formatShard, type Shard } from './shards.ts';
import { SLUG_PATTERN, SLUG_RULE } from '../core/schema/server.ts';
import { DataError, parseWithFriendlyErrors } from '../core/errors/friendly.ts';
import { parseJsonFile } from '../core/errors/json-text.ts';
import { BUILD_MARKER } from './build-entries.ts';

/**
 * The marker file every build leaves at its root also records each server's key (see
 * server-keys.ts), so the next build can tell which servers' pages it can reuse, and
 * how many files its folder holds, so `merge` can tell a shard that lost some. A manifest can come
 * from anywhere (a shard is often a downloaded artifact): its slugs become paths, so they are checked.
 */
const ServerSlugSchema = z.string().regex(SLUG_PATTERN, `a server slug is ${SLUG_RULE}`);
export const BuildManifestSchema = z.object({
  generator: z.literal('policy-atlas'),
  /** `i/n` when the build holds one shard of the servers only. */
  shard: z.string().optional(),
  servers: z.record(ServerSlugSchema, z.string()),
  /** The number of files under servers/<slug>/. */
  files: z.record(ServerSlugSchema, z.number().int().nonnegative()),
});
export type BuildManifest = z.output<typeof BuildManifestSchema>;

const sorted = <T>(entries: ReadonlyMap<string, T>) => Object.fromEntries([...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

/** The manifest of a build holding these servers (each key and file count), slugs in order. */
export function manifestOf(keys: ReadonlyMap<string, string>, files: ReadonlyMap<string, number>, shard?: Shard): BuildManifest {
  return { generator: 'policy-atlas', ...(shard ? { shard: formatShard(shard) } : {}), servers: sorted(keys), files: sorted(files) };
}

export const manifestText = (manifest: BuildManifest): string => `${JSON.stringify(manifest)}\n`;

/** The manifest of the build in `folder`; throws a DataError naming the file and JSON path. */
export function readManifest(folder: string): BuildManifest {
  const file = join(folder, BUILD_MARKER);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new DataError([`${file}: cannot read the file (${(error as Error).message})`]);
  }
  const manifest = parseWithFriendlyErrors(BuildManifestSchema, parseJsonFile(text, file), file);
  const uncounted = Object.keys(manifest.servers).find((slug) => manifest.files[slug] === undefined);
  if (uncounted) throw new DataError([`${file} › files: no count for server "${uncounted}"`]);
  return manifest;
}

/** The server keys a previous build recorded, for the servers whose pages it still holds. */
export function previousServerKeys(folder: string | undefined): Map<string, string> | undefined {
  if (!folder) return undefined;
  let manifest: BuildManifest;
  try {
    manifest = readManifest(folder);
  } catch {
    return undefined;
  }
  const keys = new Map<string, string>();
  for (const [slug, key] of Object.entries(manifest.servers)) {
    if (existsSync(join(folder, 'servers', slug, 'index.html'))) keys.set(slug, key);
  }
  return keys;
}
