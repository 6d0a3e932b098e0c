import type { AstroIntegration } from 'astro';
import { copyFileSync, linkSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifestText } from '../build/build-manifest.ts';
import { builtCatalog } from '../build/built-catalog.ts';
import { BUILD_MARKER } from '../build/output-guard.ts';

/** Hard-links a folder tree (a copy where the file system cannot link): no bytes are written twice. */
function linkTree(from: string, to: string): number {
  mkdirSync(to, { recursive: true });
  let files = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) files += linkTree(source, target);
    else if (entry.isFile()) {
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
      files++;
    }
  }
  return files;
}

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
        const { catalog, plan } = builtCatalog();
        const site = fileURLToPath(dir);
        const previous = process.env.ATLAS_PREVIOUS_BUILD;
        let files = 0;
        if (previous) for (const slug of plan.reused) files += linkTree(join(previous, 'servers', slug), join(site, 'servers', slug));
        if (plan.keys.size > 0) writeFileSync(join(site, BUILD_MARKER), manifestText(plan.keys));
        logger.info(`rendered ${catalog.servers.length - plan.reused.size} of ${catalog.servers.length} servers; reused ${plan.reused.size} unchanged (${files} files linked)`);
      },
    },
  };
}
