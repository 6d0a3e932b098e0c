import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildSearchIndex } from '../../src/build/search-index.ts';
import { loadCatalogCached } from '../../src/core/catalog/catalog-cache.ts';

const root = mkdtempSync(join(tmpdir(), 'atlas-search-index-'));
const cacheFile = join(root, 'catalog.ndjson');
const salt = 'test-salt';
const sample = loadCatalogCached(resolve('data'), cacheFile, salt);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the search index in bundles', () => {
  it('writes every server once over the bundles, the others inside the first, after the pages when told to wait', async () => {
    let pagesDone = () => {};
    const pagesWritten = new Promise<void>((done) => (pagesDone = done));
    const out = join(root, 'pagefind');
    const indexing = buildSearchIndex(cacheFile, salt, out, pagesWritten, 2);
    await new Promise((wait) => setTimeout(wait, 300));
    // Nothing is written while the pages are rendered.
    expect(existsSync(out)).toBe(false);
    pagesDone();
    const result = await indexing;
    expect(result).toMatchObject({ documents: sample.servers, tools: sample.tools, bundles: 2 });
    expect(readdirSync(out)).toContain('pagefind-entry.json');
    expect(readdirSync(join(out, 'b2'))).toContain('pagefind-entry.json');
    expect(existsSync(`${out}.b2`)).toBe(false);
  }, 60_000);
});
