import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { scriptElements } from './html-scripts.ts';

// Data blocks are never executed, so CSP does not apply to them (JSON-LD is one).
const DATA_BLOCK = /\stype="application\/(ld\+)?json"/;
const MAX_DISTINCT = 16;

export function scriptHash(source: string): string {
  return `sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}`;
}

/** Hashes of the executable inline scripts in one HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const { attributes, body } of scriptElements(html)) {
    if (/\ssrc=/.test(attributes) || DATA_BLOCK.test(attributes)) continue;
    hashes.push(scriptHash(body));
  }
  return hashes;
}

/**
 * Every distinct inline script hash in a built site. The site's own scripts are the same on every
 * page; more than a handful means something per-page became script, and the build stops.
 */
export async function collectInlineScriptHashes(siteDir: string): Promise<Set<string>> {
  const hashes = new Set<string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('.html')) {
        for (const hash of inlineScriptHashes(await readFile(path, 'utf8'))) hashes.add(hash);
        if (hashes.size > MAX_DISTINCT) throw new Error(`${path}: more than ${MAX_DISTINCT} distinct inline scripts across the site; inline script must never depend on data`);
      }
    }
  };
  await walk(siteDir);
  return hashes;
}
