import { describe, expect, it } from 'vitest';
import { assignPageParts } from '../../src/core/catalog/page-parts.ts';
import { parseShard } from '../../src/core/catalog/shards.ts';

const servers = Array.from({ length: 200 }, (_, i) => ({ slug: `server-${i}`, pages: 4 + ((i * 37) % 97) + (i === 7 ? 2_000 : 0) }));

describe('assignPageParts', () => {
  it('gives every server to exactly one part, the same way whatever the order it is given in', () => {
    const parts = assignPageParts(servers, 3);
    expect([...parts.keys()].sort()).toEqual(servers.map((s) => s.slug).sort());
    expect([...parts.values()].every((part) => part >= 1 && part <= 3)).toBe(true);
    expect(assignPageParts([...servers].reverse(), 3)).toEqual(parts);
  });

  it('balances pages between the parts', () => {
    const parts = assignPageParts(servers, 2);
    const load = [0, 0];
    for (const s of servers) load[parts.get(s.slug)! - 1]! += s.pages;
    expect(load[0]! + load[1]!).toBe(servers.reduce((sum, s) => sum + s.pages, 0));
    expect(Math.abs(load[0]! - load[1]!)).toBeLessThanOrEqual(Math.max(...servers.filter((s) => s.pages < 1_000).map((s) => s.pages)));
  });
});

describe('a page part, read as a shard is', () => {
  it('reads i/n and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('')).toBeUndefined();
    expect(parseShard('4/3')).toBeUndefined();
    expect(parseShard('0/2')).toBeUndefined();
  });
});
