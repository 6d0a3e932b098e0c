/**
 * The search page's filters: each is a URL parameter and a Pagefind filter, in the order the page
 * shows them. Server comes last: its values load with the filter tables, and it grows without moving
 * the others.
 */
/** The filters a single tool passes or not; the search island narrows a server's tools by them. */
export const TOOL_FACETS = ['level', 'category', 'signal', 'annotations'] as const;
export type ToolFacet = (typeof TOOL_FACETS)[number];
export const SEARCH_FACETS = [...TOOL_FACETS, 'server'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export const FACET_LEGENDS: Record<SearchFacet, string> = {
  level: 'Risk level',
  category: 'Category',
  signal: 'Signals',
  annotations: 'Annotation check',
  server: 'Server',
};
