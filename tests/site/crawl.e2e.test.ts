import { check, LinkState } from 'linkinator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCatalogDir } from '../../src/build/catalog/load.ts';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { toolPagePath } from '../../src/core/catalog/paths.ts';
import { sampleSite } from '../support/shared-sites.ts';
import { serveSite, type RunningSite } from '../support/static-server.ts';

let site: RunningSite;

beforeAll(async () => {
  const sample = await sampleSite();
  site = await serveSite(sample.dir, sample.base);
});

afterAll(async () => {
  await site?.close();
});

describe('a crawl of the sample site under /atlas/ over HTTP', () => {
  it('reaches every tool page from the home page with no broken link or asset', async () => {
    const origin = new URL(site.url).origin;
    const result = await check({
      path: site.url,
      recurse: true,
      concurrency: 8,
      // External homepages are the servers' business, and this machine has no network.
      linksToSkip: async (link) => !link.startsWith(origin),
    });
    const broken = result.links.filter((l) => l.state === LinkState.BROKEN).map((l) => `${l.status} ${l.url} (from ${l.parent})`);
    expect(broken).toEqual([]);

    const crawled = new Set(result.links.filter((l) => l.state === LinkState.OK).map((l) => new URL(l.url).pathname));
    const tools = buildCatalog(loadCatalogDir('data')).tools;
    const unreached = tools.map((t) => `/atlas${toolPagePath(t)}`).filter((path) => !crawled.has(path));
    expect(unreached).toEqual([]);
    console.info(`crawl: ${result.links.length} links checked, ${crawled.size} distinct URLs OK`);
  });
});
