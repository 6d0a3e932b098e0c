import { SEARCH_FACETS, type SearchFacet } from '../../core/site/search-facets.ts';

/** Search state <-> URL query string: `?q=msk+policy&level=high&level=critical`. */
export const FACETS = SEARCH_FACETS;
export type Facet = SearchFacet;

export interface SearchState {
  query: string;
  selected: Record<Facet, string[]>;
}

export function readState(search: string): SearchState {
  const params = new URLSearchParams(search);
  const selected = Object.fromEntries(FACETS.map((f) => [f, params.getAll(f).filter(Boolean)])) as Record<Facet, string[]>;
  return { query: (params.get('q') ?? '').trim(), selected };
}

export function writeState(state: SearchState): string {
  const params = new URLSearchParams();
  if (state.query) params.set('q', state.query);
  for (const facet of FACETS) for (const value of state.selected[facet]) params.append(facet, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function pagefindFilters(state: SearchState): Record<string, { any: string[] }> {
  const filters: Record<string, { any: string[] }> = {};
  for (const facet of FACETS) if (state.selected[facet].length) filters[facet] = { any: state.selected[facet] };
  return filters;
}

/**
 * The words Pagefind is asked for. Pagefind drops a query word from a "<" on (it reads "<script" as
 * markup), so a name such as `<b>bold</b>` or `</script>x` found nothing: such a query is sent as
 * its words, in any script; the exact name still ranks first, from the query as typed (search-hits.ts).
 */
export function pagefindQuery(query: string): string {
  if (!query.includes('<')) return query;
  // A query of punctuation alone stays as typed: it finds nothing, which is the honest answer.
  return (
    query
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .join(' ') || query
  );
}

export const hasCriteria = (state: SearchState) => state.query !== '' || FACETS.some((f) => state.selected[f].length > 0);

/** Values offered for an open-ended facet (servers): a catalog has thousands. */
export const MAX_OPEN_VALUES = 25;

/**
 * The values a facet offers, in order: a fixed list (levels, categories) keeps its order and
 * length; an open one (servers) offers the values with the most matches, then any chosen value
 * (one named in the URL stays offered, so it can be unticked).
 */
export function facetValues(known: readonly string[] | undefined, counts: Record<string, number>, selected: ReadonlySet<string>): string[] {
  if (known) return [...new Set([...known, ...Object.keys(counts), ...selected])].sort((a, b) => rank(known, a) - rank(known, b));
  const byCount = Object.keys(counts).sort((a, b) => counts[b]! - counts[a]! || a.localeCompare(b));
  return [...new Set([...byCount.slice(0, MAX_OPEN_VALUES), ...selected])];
}

// Values outside the fixed list (an old URL's) go last.
const rank = (known: readonly string[], value: string) => (known.includes(value) ? known.indexOf(value) : known.length);
