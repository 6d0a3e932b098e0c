import { describe, expect, it } from 'vitest';
import { SEARCH_FACETS } from '../../src/core/site/search-facets.ts';
import { FACETS, hasCriteria, pagefindFilters, pagefindQuery, readState, writeState, type SearchState } from '../../src/lib/search/search-state.ts';

const none = () => Object.fromEntries(FACETS.map((facet) => [facet, [] as string[]])) as SearchState['selected'];
const state = (query: string, selected: Partial<SearchState['selected']> = {}): SearchState => ({ query, selected: { ...none(), ...selected } });

describe('search state <-> URL', () => {
  it('the island reads the facets the page draws', () => {
    expect(FACETS).toEqual(SEARCH_FACETS);
    expect([...FACETS].sort()).toEqual(['annotations', 'category', 'level', 'server', 'signal']);
  });

  it('reads the query, trimmed, and every value of each facet, in URL order', () => {
    expect(readState('?q=+delete+repo+&level=high&server=GitHub&level=critical')).toEqual(
      state('delete repo', { level: ['high', 'critical'], server: ['GitHub'] }),
    );
  });

  it('reads an empty or foreign query string as no criteria, and drops empty values', () => {
    expect(readState('')).toEqual(state(''));
    expect(readState('?utm_source=x&level=&q=')).toEqual(state(''));
  });

  it("writes the query first, then each facet in the page's order; nothing for an empty state", () => {
    expect(writeState(state('msk policy', { server: ['Amazon ECS'], level: ['high', 'critical'], annotations: ['disagree'] }))).toBe(
      '?q=msk+policy&level=high&level=critical&annotations=disagree&server=Amazon+ECS',
    );
    expect(writeState(state(''))).toBe('');
  });

  it('round-trips what it writes, names with & and = included', () => {
    const original = state('a&b=c', { server: ['R&D = Tools'], signal: ['money', 'bulk'] });
    expect(readState(writeState(original))).toEqual(original);
  });

  it('gives Pagefind a filter for each facet with values, none for the others', () => {
    expect(pagefindFilters(state('x', { level: ['low'], signal: ['money', 'bulk'] }))).toEqual({ level: { any: ['low'] }, signal: { any: ['money', 'bulk'] } });
    expect(pagefindFilters(state('x'))).toEqual({});
  });

  it('has criteria with a query or any chosen value', () => {
    expect(hasCriteria(state(''))).toBe(false);
    expect(hasCriteria(state('x'))).toBe(true);
    expect(hasCriteria(state('', { annotations: ['disagree'] }))).toBe(true);
  });
});

describe('pagefindQuery: what Pagefind is asked for', () => {
  it('sends a query holding "<" as its words, in any script (Pagefind drops a word from "<" on)', () => {
    expect(pagefindQuery('</script><script>alert(302)</script>')).toBe('script script alert 302 script');
    expect(pagefindQuery('<b>获取</b> użytkownik')).toBe('b 获取 b użytkownik');
  });

  it('leaves other queries, and one of punctuation alone, as typed', () => {
    for (const query of ['repo/secret/list', 'alert(302)', 'launch 🚀 101', 'GET_USER', '<<>>']) expect(pagefindQuery(query)).toBe(query);
  });
});
