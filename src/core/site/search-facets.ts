/**
 * The search page's filters: the URL parameter, the Pagefind filter and the legend of each, in the
 * order the page shows them. Server comes last: its values load with the filter tables, and it grows
 * without moving the others.
 */
export const SEARCH_FACETS = [
  { key: 'level', legend: 'Risk level' },
  { key: 'category', legend: 'Category' },
  { key: 'signal', legend: 'Signals' },
  { key: 'annotations', legend: 'Annotation check' },
  { key: 'server', legend: 'Server' },
] as const;

export type SearchFacet = (typeof SEARCH_FACETS)[number]['key'];

export const SEARCH_FACET_KEYS: readonly SearchFacet[] = SEARCH_FACETS.map((facet) => facet.key);
