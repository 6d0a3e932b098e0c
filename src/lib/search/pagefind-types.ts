/** The slice of Pagefind's browser API this site uses (pagefind.js in the built bundle). */
export type FilterCounts = Record<string, Record<string, number>>;

export interface WeightedLocation {
  weight: number;
  balanced_score: number;
  location: number;
}

export interface Anchor {
  element: string;
  id: string;
  text?: string;
  location: number;
}

/** One indexed document: a server and its tools (see src/core/search/search-documents.ts). */
export interface ResultData {
  url: string;
  content: string;
  meta: Record<string, string>;
  anchors: Anchor[];
  /** Where the query's words were found, as word positions in `content` split on white space. */
  weighted_locations: WeightedLocation[];
}

export interface SearchResponse {
  results: { id: string; score: number; data(): Promise<ResultData> }[];
  filters: FilterCounts;
  unfilteredResultCount: number;
}

export interface Pagefind {
  options(options: { baseUrl?: string; excerptLength?: number; ranking?: Record<string, number> }): Promise<void>;
  init(): Promise<void>;
  search(query: string | null, options?: { filters?: Record<string, { any: string[] }> }): Promise<SearchResponse | null>;
  filters(): Promise<FilterCounts>;
}
