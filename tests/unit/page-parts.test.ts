import { describe, expect, it } from 'vitest';
import { assignPageParts, parsePagePart } from '../../src/core/catalog/page-parts.ts';

const servers = Array.from({ length: 200 }, (_, i) => ({ slug: `server-${i}`, pages: 4 + ((i * 37) % 97) + (i === 7 ? 2_000 : 0) }));

describe('assignPageParts', () => {
  it('gives every server to exactly one part, the same way whatever the order it is given in', () => {
    const parts = assignPageParts(servers, 3, 100);
    expect([...parts.keys()].sort()).toEqual(servers.map((s) => s.slug).sort());
    expect([...parts.values()].every((part) => part >= 1 && part <= 3)).toBe(true);
    expect(assignPageParts([...servers].reverse(), 3, 100)).toEqual(parts);
  });

  it('balances pages, counting the listings the first part renders', () => {
    const total = servers.reduce((sum, s) => sum + s.pages, 0);
    const listings = 1_500;
    const parts = assignPageParts(servers, 2, listings);
    const load = [listings, 0];
    for (const s of servers) load[parts.get(s.slug)! - 1]! += s.pages;
    expect(Math.abs(load[0]! - load[1]!)).toBeLessThanOrEqual(Math.max(...servers.map((s) => s.pages)));
    expect(load[0]! + load[1]!).toBe(total + listings);
    // Listings heavier than all servers: the other part takes every server.
    expect(new Set(assignPageParts(servers, 2, total * 2).values())).toEqual(new Set([2]));
  });
});

describe('parsePagePart', () => {
  it('reads i/n and refuses anything else', () => {
    expect(parsePagePart('2/3')).toEqual({ index: 2, count: 3 });
    expect(parsePagePart('')).toBeUndefined();
    expect(parsePagePart('4/3')).toBeUndefined();
    expect(parsePagePart('0/2')).toBeUndefined();
  });
});
