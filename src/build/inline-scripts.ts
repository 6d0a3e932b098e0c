import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { inlineScriptHashes } from '../core/site/html-scripts.ts';

const MAX_DISTINCT = 16;

/** Up to this many pages of each route shape are read; the site's scripts are the same on all of them. */
const PAGES_PER_SHAPE = 3;
/**
 * Up to this many folders of each shape are looked into (servers/<server>/ or servers/<server>/<tool>/):
 * at 250,000 tools, listing every tool's folder took 15 s, and 75 s once the disk cache was cold.
 * More than the pages read, so a shape found only in some folders of a kind (a second page of a listing) is still met.
 */
const FOLDERS_PER_SHAPE = 50;

/** What the scan reads the site with (a test counts its calls). */
export interface SiteReader {
  readdir(dir: string): Promise<{ name: string; isDirectory(): boolean }[]>;
  readFile(path: string): Promise<string>;
}
const fileSystem: SiteReader = {
  readdir: (dir) => readdir(dir, { withFileTypes: true }),
  readFile: (path) => readFile(path, 'utf8'),
};

/**
 * Distinct inline script hashes of a built site. Inline scripts come from the site's components, so
 * every page of one route shape (such as servers/<server>/<tool>/index.html) carries the same ones: a few pages of
 * each shape are read, in a sample of the folders of each shape, instead of all 250,000. Data can never add a
 * script (it is escaped, and the hostile-catalog test reads every page); if something did, the CSP would block it.
 */
export async function collectInlineScriptHashes(siteDir: string, reader: SiteReader = fileSystem): Promise<Set<string>> {
  const hashes = new Set<string>();
  const perShape = new Map<string, number>();
  const foldersPerShape = new Map<string, number>();
  // Top-level folders are routes of their own (search/, policy/); deeper names are data (a server, a
  // tool) but for those starting with "_", which no slug can: routes too (servers/_page/).
  const walk = async (dir: string, shape: string): Promise<void> => {
    const entries = await reader.readdir(dir);
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        const folderShape = shape === '' || entry.name.startsWith('_') ? `${shape}${entry.name}/` : `${shape}*/`;
        const folders = foldersPerShape.get(folderShape) ?? 0;
        if (folders >= FOLDERS_PER_SHAPE) continue;
        foldersPerShape.set(folderShape, folders + 1);
        await walk(path, folderShape);
      } else if (entry.name.endsWith('.html')) {
        const key = shape + entry.name;
        const seen = perShape.get(key) ?? 0;
        if (seen >= PAGES_PER_SHAPE) continue;
        perShape.set(key, seen + 1);
        for (const hash of inlineScriptHashes(await reader.readFile(path))) hashes.add(hash);
        if (hashes.size > MAX_DISTINCT) throw new Error(`${path}: more than ${MAX_DISTINCT} distinct inline scripts; inline script must never depend on data`);
      }
    }
  };
  await walk(siteDir, '');
  return hashes;
}
