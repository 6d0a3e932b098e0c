import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { collectInlineScriptHashes } from '../core/site/inline-scripts.ts';
import { headersFile } from '../core/site/headers.ts';

/**
 * Writes `_headers` (read by Netlify and Cloudflare Pages; the deploy guide maps it for others):
 * a Content-Security-Policy whose script-src lists the hashes of the site's own inline scripts.
 * Data never produces inline script, so a page with an unknown inline script fails the build.
 */
export function securityHeaders(base: string): AstroIntegration {
  return {
    name: 'policy-atlas-headers',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const hashes = await collectInlineScriptHashes(site);
        writeFileSync(join(site, '_headers'), headersFile(base, [...hashes]));
        logger.info(`_headers written: ${hashes.size} inline script hash${hashes.size === 1 ? '' : 'es'} in the CSP`);
      },
    },
  };
}
