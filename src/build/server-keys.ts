import { createHash } from 'node:crypto';
import type { Catalog, CatalogTool } from '../core/catalog/build-catalog.ts';
import { relatedTools } from '../core/catalog/related.ts';
import { isLowConfidence } from '../core/risk.ts';
import { shardOf, type Shard } from './shards.ts';

/**
 * A key per server that changes whenever anything its pages show could change: the server's own
 * data, the related tools (from other servers) its tool pages list, and the build's
 * `fingerprint` (the code, the configuration and the deployment URL). Equal keys mean byte-identical pages under servers/<slug>/.
 */
export function serverKeys(
  catalog: Catalog,
  relatedIndex: Map<string, CatalogTool[]>,
  fingerprint: string,
  today = new Date().toISOString().slice(0, 10),
): Map<string, string> {
  const keys = new Map<string, string>();
  for (const server of catalog.servers) {
    // The digest covers the server's data and analyses; slugs follow from names, the folder from the slug.
    const hash = createHash('sha256')
      .update(fingerprint)
      .update(JSON.stringify([server.slug, server.digest]));
    // Changes dated after the build's day are ordered by it (history/catalog-changes.ts newestFirst).
    if (server.tools.some((tool) => tool.changeDates.some((date) => date > today))) hash.update(`@${today}`);
    for (const tool of server.tools) {
      hash.update(`/${tool.slug}`);
      // A related tool shows as its name, server and badge (ToolTable without summaries): only those count.
      for (const related of relatedTools(tool, relatedIndex)) {
        const { level, category, confidence } = related.classification;
        hash.update(
          `>${JSON.stringify([related.server.slug, related.server.meta.name, related.slug, related.name, level, category, isLowConfidence(confidence)])}`,
        );
      }
    }
    keys.set(server.slug, hash.digest('hex').slice(0, 32));
  }
  return keys;
}

export interface BuildPlan {
  /** The key of every server this build holds (all of them, or a shard's), written with the build for the next one to compare. */
  keys: Map<string, string>;
  /** Servers whose pages the previous build already holds, byte for byte. */
  reused: Set<string>;
  /** Whether this build renders the server's pages (false: they are linked from the previous build). */
  renders(serverSlug: string): boolean;
}

/**
 * Which servers to render: all of them (or a shard's), unless a previous build made some with the
 * same key. A shard build holds only its own servers' pages, for `merge` to assemble.
 */
export function planBuild(allKeys: Map<string, string>, previous: ReadonlyMap<string, string> | undefined, shard?: Shard): BuildPlan {
  const inShard = (slug: string) => !shard || shardOf(slug, shard.count) === shard.index;
  const keys = new Map([...allKeys].filter(([slug]) => inShard(slug)));
  const reused = new Set<string>();
  if (previous) for (const [slug, key] of keys) if (previous.get(slug) === key) reused.add(slug);
  return { keys, reused, renders: (slug) => inShard(slug) && !reused.has(slug) };
}
