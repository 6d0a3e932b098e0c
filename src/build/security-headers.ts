import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { headersFile } from '../core/site/headers.ts';
import { collectInlineScriptHashes } from './inline-scripts.ts';

/**
 * Writes `_headers` (read by Netlify and Cloudflare Pages; the deploy guide maps it for others):
 * a Content-Security-Policy whose script-src lists the hashes of the site's own inline scripts.
 * Data never produces inline script, so a page with an unknown inline script fails the build.
 * Returns how many hashes it lists.
 */
export async function writeSecurityHeaders(site: string, base: string): Promise<number> {
  const hashes = await collectInlineScriptHashes(site);
  writeFileSync(join(site, '_headers'), headersFile(base, [...hashes]));
  return hashes.size;
}
