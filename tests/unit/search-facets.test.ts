import { describe, expect, it } from 'vitest';
import { facetValues, MAX_OPEN_VALUES } from '../../src/lib/search/search-state.ts';

describe('the values a search facet offers', () => {
  it('keeps a fixed list in its order and length, counts or not, an unknown chosen value last', () => {
    const known = ['low', 'medium', 'high', 'critical'];
    expect(facetValues(known, {}, new Set())).toEqual(known);
    expect(facetValues(known, { critical: 9, low: 1 }, new Set(['bogus']))).toEqual([...known, 'bogus']);
  });

  it('offers the servers with the most matches, not thousands, and always the chosen ones', () => {
    const counts = Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`Server ${String(i).padStart(4, '0')}`, i % 50]));
    const offered = facetValues(undefined, counts, new Set(['Server 0000']));
    expect(offered).toHaveLength(MAX_OPEN_VALUES + 1);
    expect(offered.slice(0, MAX_OPEN_VALUES).every((name) => counts[name] === 49)).toBe(true);
    expect(offered.at(-1)).toBe('Server 0000');
  });

  it('breaks ties by name, so the list does not shuffle between searches', () => {
    expect(facetValues(undefined, { b: 2, a: 2, c: 5 }, new Set())).toEqual(['c', 'a', 'b']);
  });
});
