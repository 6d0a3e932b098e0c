import { describe, expect, it } from 'vitest';
import { planPages, type PlanInput } from '../../src/build/plan-pages.ts';
import { assignRenderers } from '../../src/build/renderers.ts';
import { parseShard, shardOf } from '../../src/build/shards.ts';

const servers = Array.from({ length: 200 }, (_, i) => ({ slug: `server-${i}`, pages: 4 + ((i * 37) % 97) + (i === 7 ? 2_000 : 0) }));

describe('assignRenderers', () => {
  it('gives every server to exactly one renderer, the same way whatever the order it is given in', () => {
    const renderers = assignRenderers(servers, 3);
    expect([...renderers.keys()].sort()).toEqual(servers.map((s) => s.slug).sort());
    expect([...renderers.values()].every((renderer) => renderer >= 1 && renderer <= 3)).toBe(true);
    expect(assignRenderers([...servers].reverse(), 3)).toEqual(renderers);
  });

  it('balances pages between the renderers', () => {
    const renderers = assignRenderers(servers, 2);
    const load = [0, 0];
    for (const s of servers) load[renderers.get(s.slug)! - 1]! += s.pages;
    expect(load[0]! + load[1]!).toBe(servers.reduce((sum, s) => sum + s.pages, 0));
    expect(Math.abs(load[0]! - load[1]!)).toBeLessThanOrEqual(Math.max(...servers.filter((s) => s.pages < 1_000).map((s) => s.pages)));
  });
});

describe('a shard', () => {
  it('reads i/n and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('')).toBeUndefined();
    expect(parseShard('4/3')).toBeUndefined();
    expect(parseShard('0/2')).toBeUndefined();
  });
});

const catalog = Array.from({ length: 40 }, (_, i) => ({ slug: `s-${i}`, tools: 1 + (i % 7) }));
const keys = new Map(catalog.map((server) => [server.slug, `key-${server.slug}`]));
const only = { index: 1, count: 1 };
const rendered = (input: PlanInput) => {
  const plan = planPages(input);
  return catalog.map((server) => server.slug).filter((slug) => plan.renders(slug));
};
const listing = (input: PlanInput, pages: number) => {
  const plan = planPages(input);
  return plan.rendersListings ? Array.from({ length: pages }, (_, i) => i).filter((i) => plan.rendersListingPage(i)) : [];
};

describe('planPages', () => {
  it('renders every server and listing page in one renderer of a build without keys, and reports no manifest', () => {
    const input = { servers: catalog, keys: new Map(), renderer: only };
    expect(rendered(input)).toEqual(catalog.map((server) => server.slug));
    expect(listing(input, 5)).toEqual([0, 1, 2, 3, 4]);
    expect(planPages(input).report).toEqual({ servers: { planned: 40, of: 40 }, tools: catalog.reduce((sum, server) => sum + server.tools, 0) });
  });

  it('leaves the servers whose key the previous build holds to be linked, and reports every key with its file count', () => {
    const previousKeys = new Map([
      ['s-1', 'key-s-1'],
      ['s-2', 'changed'],
      ['gone', 'key-gone'],
    ]);
    const input = { servers: catalog, keys, previousKeys, renderer: only };
    expect(rendered(input)).toEqual(catalog.map((server) => server.slug).filter((slug) => slug !== 's-1'));
    const report = planPages(input).report!;
    expect(report.servers).toEqual({ planned: 39, of: 40 });
    expect(report.tools).toBe(catalog.reduce((sum, server) => sum + server.tools, 0) - 2);
    expect(report.manifest?.servers['s-1']).toBe('key-s-1');
    expect(Object.keys(report.manifest!.servers)).toHaveLength(40);
    // A page per tool, and five per server (its page, tools.json, flows.json, policy.json, changes.xml).
    expect(report.manifest?.files['s-3']).toBe(4 + 5);
    expect(report.manifest?.shard).toBeUndefined();
  });

  it("renders only a shard's servers, no listing page, and reports the shard's keys alone", () => {
    const shard = { index: 2, count: 3 };
    const input = { servers: catalog, keys, shard, renderer: only };
    const inShard = catalog.map((server) => server.slug).filter((slug) => shardOf(slug, 3) === 2);
    expect(rendered(input)).toEqual(inShard);
    expect(listing(input, 5)).toEqual([]);
    const report = planPages(input).report!;
    expect(report.servers).toEqual({ planned: inShard.length, of: 40 });
    expect(Object.keys(report.manifest!.servers).sort()).toEqual([...inShard].sort());
    expect(report.manifest!.shard).toBe('2/3');
    // Without keys a shard still says which shard it is.
    expect(planPages({ ...input, keys: new Map() }).report!.manifest).toEqual({ generator: 'policy-atlas', shard: '2/3', servers: {}, files: {} });
  });

  it('splits the planned servers and the listing pages between the renderers, each exactly once, and only the first reports', () => {
    const previousKeys = new Map([['s-5', 'key-s-5']]);
    const renderer = (index: number) => ({ servers: catalog, keys, previousKeys, renderer: { index, count: 3 } });
    const each = [1, 2, 3].map((index) => rendered(renderer(index)));
    expect(each.flat().sort()).toEqual(
      catalog
        .map((server) => server.slug)
        .filter((slug) => slug !== 's-5')
        .sort(),
    );
    expect(each.every((slugs) => slugs.length > 0)).toBe(true);
    const pages = [1, 2, 3].map((index) => listing(renderer(index), 10));
    expect(pages).toEqual([
      [0, 3, 6, 9],
      [1, 4, 7],
      [2, 5, 8],
    ]);
    expect(planPages(renderer(1)).report?.servers).toEqual({ planned: 39, of: 40 });
    expect(planPages(renderer(2)).report).toBeUndefined();
    expect(planPages(renderer(3)).report).toBeUndefined();
  });
});
