/**
 * The search page's filters: each is a URL parameter and a Pagefind filter, in the order the page
 * shows them. Server comes last: its values load with the filter tables, and it grows without moving
 * the others.
 */
export const SEARCH_FACETS = ['level', 'category', 'signal', 'annotations', 'server'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export const FACET_LEGENDS: Record<SearchFacet, string> = {
  level: 'Risk level',
  category: 'Category',
  signal: 'Signals',
  annotations: 'Annotation check',
  server: 'Server',
};
