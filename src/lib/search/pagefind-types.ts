/** The slice of Pagefind's browser API this site uses (pagefind.js in the built bundle). */
export type FilterCounts = Record<string, Record<string, number>>;

export interface ResultData {
  url: string;
  excerpt: string;
  meta: Record<string, string>;
}

export interface SearchResponse {
  results: { id: string; data(): Promise<ResultData> }[];
  filters: FilterCounts;
  unfilteredResultCount: number;
}

export interface Pagefind {
  options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
  init(): Promise<void>;
  search(query: string | null, options?: { filters?: Record<string, { any: string[] }> }): Promise<SearchResponse | null>;
  filters(): Promise<FilterCounts>;
}
