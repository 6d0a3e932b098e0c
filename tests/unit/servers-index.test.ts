import { describe, expect, it } from 'vitest';
import { BROWSE_PAGE_SIZE, serverPagePath, serversPath, SERVERS_PAGE_SEGMENT, sitePagePaths } from '../../src/core/catalog/paths.ts';
import { slugify } from '../../src/core/catalog/slug.ts';
import { SLUG_PATTERN, type ServerFile } from '../../src/core/schema/server.ts';
import { serversIndexPages, serversPageParam } from '../../src/core/site/servers-index.ts';
import { catalogOf, SMALL_CATALOG } from '../support/small-catalog.ts';

const server = (i: number): ServerFile => ({ name: `Server ${i}`, tools: [{ name: `get_item_${i}`, description: 'Gets an item.' }] });
/** 2.5 pages of servers, slugged s000 to s249 so that catalog order is number order. */
const MANY = catalogOf(Object.fromEntries(Array.from({ length: 250 }, (_, i) => [`s${String(i).padStart(3, '0')}`, server(i)])));

describe('paths of the servers index', () => {
  it('keeps page 1 at /servers/ and puts later pages under /servers/_page/', () => {
    expect(serversPath()).toBe('/servers/');
    expect(serversPath(1)).toBe('/servers/');
    expect(serversPath(2)).toBe('/servers/_page/2/');
    expect(serversPath(127)).toBe('/servers/_page/127/');
    expect(serversPageParam(1)).toBeUndefined();
    expect(serversPageParam(3)).toBe('_page/3');
    expect(`/servers/${serversPageParam(3)}/`).toBe(serversPath(3));
  });

  it('never takes the path of a server page, whatever the slug', () => {
    expect(SLUG_PATTERN.test(SERVERS_PAGE_SEGMENT)).toBe(false);
    // A server named like the segment, or like a page number, gets a slug of its own.
    for (const name of [SERVERS_PAGE_SEGMENT, '_page', 'page', '2', '_2', 'Page 2']) {
      const slug = slugify(name);
      expect(slug).toMatch(SLUG_PATTERN);
      for (let n = 1; n <= 200; n++) expect(serversPath(n)).not.toBe(serverPagePath({ slug }));
    }
    for (let n = 2; n <= 200; n++) {
      const [, , segment] = serversPath(n).split('/');
      expect(SLUG_PATTERN.test(segment!)).toBe(false);
    }
  });

  it('lists every page of the index in the sitemap once, and no page past the last', () => {
    const paths = sitePagePaths(MANY);
    expect(paths.filter((p) => p === '/servers/' || p.startsWith(`/servers/${SERVERS_PAGE_SEGMENT}/`))).toEqual([
      '/servers/',
      '/servers/_page/2/',
      '/servers/_page/3/',
    ]);
    expect(new Set(paths).size).toBe(paths.length);
    expect(sitePagePaths(SMALL_CATALOG).some((p) => p.includes(SERVERS_PAGE_SEGMENT))).toBe(false);
  });
});

describe('serversIndexPages', () => {
  it('is one page without caption or page links while the servers fit on it', () => {
    const [only, ...rest] = serversIndexPages(SMALL_CATALOG);
    expect(rest).toEqual([]);
    expect(only).toMatchObject({
      path: '/servers/',
      title: 'Servers',
      description: 'All 3 MCP servers in the catalog.',
      summary: `3 servers, ${SMALL_CATALOG.tools.length} tools.`,
    });
    expect(only!.caption).toBeUndefined();
    expect(only!.pagination).toBeUndefined();
    expect(only!.rows.map((r) => r.path)).toEqual(SMALL_CATALOG.servers.map((s) => `/servers/${s.slug}/`));
    const ledger = only!.rows.find((r) => r.name === 'Ledger Server')!;
    expect(ledger.tools).toBe(3);
    expect(Object.values(ledger.levelCounts).reduce((a, b) => a + b, 0)).toBe(3);
  });

  it(`splits the servers ${BROWSE_PAGE_SIZE} a page, in catalog order, each page linked to its neighbours`, () => {
    const pages = serversIndexPages(MANY);
    expect(pages.map((p) => p.rows.length)).toEqual([100, 100, 50]);
    expect(pages.flatMap((p) => p.rows.map((r) => r.path))).toEqual(MANY.servers.map((s) => `/servers/${s.slug}/`));
    expect(pages.map((p) => p.path)).toEqual(['/servers/', '/servers/_page/2/', '/servers/_page/3/']);
    expect(pages.map((p) => p.title)).toEqual(['Servers (page 1 of 3)', 'Servers (page 2 of 3)', 'Servers (page 3 of 3)']);
    expect(pages[1]!.caption).toBe('Servers 101 to 200 of 250 (page 2 of 3)');
    expect(pages[2]!.caption).toBe('Servers 201 to 250 of 250 (page 3 of 3)');
    expect(pages.map((p) => p.pagination)).toEqual([
      { current: 1, last: 3, next: '/servers/_page/2/' },
      { current: 2, last: 3, prev: '/servers/', next: '/servers/_page/3/' },
      { current: 3, last: 3, prev: '/servers/_page/2/' },
    ]);
  });
});
