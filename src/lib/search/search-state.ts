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

export const hasCriteria = (state: SearchState) => state.query !== '' || FACETS.some((f) => state.selected[f].length > 0);
