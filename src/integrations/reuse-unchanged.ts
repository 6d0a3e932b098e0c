import type { AstroIntegration } from 'astro';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestText } from '../build/build-manifest.ts';
import { builtCatalog } from '../build/built-catalog.ts';
import { BUILD_MARKER } from '../build/output-guard.ts';
import { linkTree } from '../build/link-tree.ts';
import { formatShard } from '../core/catalog/shards.ts';

/**
 * Puts the pages of unchanged servers (same key as in the previous build) into this build, from the
 * previous one, and records every server's key for the next build. Runs before the other
 * integrations' build hooks, so the search index and the CSP scan see the whole site.
 */
export function reuseUnchanged(): AstroIntegration {
  return {
    name: 'policy-atlas-reuse',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const { catalog, plan, shard } = builtCatalog();
        const site = fileURLToPath(dir);
        const previous = process.env.ATLAS_PREVIOUS_BUILD;
        let files = 0;
        if (previous) for (const slug of plan.reused) files += linkTree(join(previous, 'servers', slug), join(site, 'servers', slug));
        if (plan.keys.size > 0 || shard) writeFileSync(join(site, BUILD_MARKER), manifestText(plan.keys, shard));
        const rendered = catalog.servers.filter((server) => plan.renders(server.slug)).length;
        const held = shard ? `shard ${formatShard(shard)}: ${plan.keys.size} of ${catalog.servers.length} servers` : `${catalog.servers.length} servers`;
        logger.info(`rendered ${rendered} of ${held}; reused ${plan.reused.size} unchanged (${files} files linked)`);
      },
    },
  };
}
