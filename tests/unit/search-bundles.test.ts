import { describe, expect, it } from 'vitest';
import { inSearchBundle, mergedBundleFolders, parseBundleCount } from '../../src/core/search/search-bundles.ts';

describe('search bundles', () => {
  const slugs = Array.from({ length: 300 }, (_, i) => `server-${i}`);

  it('puts every server in exactly one bundle, and every bundle gets some', () => {
    for (const count of [2, 3]) {
      const holders = slugs.map((slug) => [1, 2, 3].slice(0, count).filter((index) => inSearchBundle(slug, { index, count })));
      expect(holders.every((h) => h.length === 1)).toBe(true);
      expect(new Set(holders.flat()).size).toBe(count);
    }
    expect(slugs.every((slug) => inSearchBundle(slug, undefined) && inSearchBundle(slug, { index: 1, count: 1 }))).toBe(true);
  });

  it('names the bundles the search page merges, and reads the count the build passes', () => {
    expect(mergedBundleFolders(1)).toEqual([]);
    expect(mergedBundleFolders(3)).toEqual(['b2/', 'b3/']);
    expect(parseBundleCount('2')).toBe(2);
    expect(parseBundleCount(undefined)).toBe(1);
    expect(parseBundleCount('0')).toBe(1);
    expect(parseBundleCount('x')).toBe(1);
  });
});
