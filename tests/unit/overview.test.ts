import { describe, expect, it } from 'vitest';
import type { ServerFile } from '../../src/core/schema/server.ts';
import { HOME_SERVERS, overview } from '../../src/core/site/overview.ts';
import { catalogOf, SMALL_CATALOG, SMALL_SERVERS } from '../support/small-catalog.ts';

/** A server with `n` tools of its own. */
const serverWith = (n: number): ServerFile => ({
  name: `Server with ${n}`,
  tools: Array.from({ length: n }, (_, i) => ({ name: `list_things_${i}`, description: 'Lists things.' })),
});

describe('overview (the home page)', () => {
  it('counts tools, servers and critical tools, and the tools at each level', () => {
    const view = overview(SMALL_CATALOG);
    expect(view.tools).toBe(SMALL_CATALOG.tools.length);
    expect(view.servers).toBe(3);
    expect(view.critical).toBe(SMALL_CATALOG.tools.filter((t) => t.classification.level === 'critical').length);
    expect(view.critical).toBeGreaterThan(0);
    expect(Object.keys(view.levelCounts)).toEqual(['low', 'medium', 'high', 'critical']);
    expect(Object.values(view.levelCounts).reduce((a, b) => a + b, 0)).toBe(view.tools);
    expect(view.description).toBe(`Risk ratings and ready-to-use policies for ${view.tools} MCP tools on 3 servers.`);
  });

  it('names the servers with the most tools first, linked to their pages, and no link to all servers when it names them all', () => {
    const view = overview(SMALL_CATALOG);
    expect(view.largest).toEqual([
      { label: 'Notebook Server', path: '/servers/notebook/', tools: 5 },
      { label: 'Ledger Server', path: '/servers/ledger/', tools: 3 },
      { label: 'Runner Server', path: '/servers/runner/', tools: SMALL_SERVERS.runner!.tools.length },
    ]);
    expect(view.allServers).toBeUndefined();
  });

  it(`names ${HOME_SERVERS} servers at most, keeps the catalog's order among equals, and links to the rest`, () => {
    const sizes = [1, 3, 2, 3, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 4];
    const catalog = catalogOf(Object.fromEntries(sizes.map((n, i) => [`s${String(i).padStart(2, '0')}`, serverWith(n)])));
    const view = overview(catalog);
    expect(view.largest).toHaveLength(HOME_SERVERS);
    expect(view.largest.slice(0, 5).map((s) => s.path)).toEqual(['/servers/s14/', '/servers/s01/', '/servers/s03/', '/servers/s02/', '/servers/s00/']);
    expect(view.largest.map((s) => s.tools)).toEqual([4, 3, 3, 2, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(view.allServers).toEqual({ path: '/servers/', count: sizes.length });
  });

  it('lists every category in order with its tool count and browse page', () => {
    const view = overview(SMALL_CATALOG);
    expect(view.categories.map((c) => c.path)).toEqual([
      '/categories/read/',
      '/categories/write/',
      '/categories/destructive/',
      '/categories/execute/',
      '/categories/financial/',
      '/categories/other/',
    ]);
    expect(view.categories[0]).toEqual({ label: 'Read', path: '/categories/read/', tools: SMALL_CATALOG.byCategory.read.length });
    expect(view.categories.reduce((n, c) => n + c.tools, 0)).toBe(view.tools);
  });
});
