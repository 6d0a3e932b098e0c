import { descriptionAnchorId, extraWordsAnchorId, SERVER_ABOUT_ID } from '../../core/search/search-documents.ts';
import { readToolAnchorId, type ToolFacets } from '../../core/search/tool-anchor.ts';
import { nameTokens } from '../../core/text/tokens.ts';
import type { ResultData } from './pagefind-types.ts';
import { TOOL_FACETS } from '../../core/site/search-facets.ts';
import type { Facet } from './search-state.ts';

/** A tool (or a server) found in one server's search document, ready to rank and show. */
export interface SearchHit {
  kind: 'tool' | 'server';
  url: string;
  name: string;
  server: string;
  facets?: ToolFacets;
  excerpt: { text: string; mark: boolean }[];
  /** The query names this tool, in any naming style. */
  exact: boolean;
  /** How many of the query's words were found inside this hit. */
  coverage: number;
  score: number;
  /** Server rank, then position in its document: the order among equals. */
  order: number;
}

const EXCERPT_WORDS = 24;
const LEAD_WORDS = 6;

/**
 * The hits in one server's document: each tool whose section holds a word of the query (every tool
 * when there is no query) and that passes the chosen level, category and signal filters, and the
 * server itself when its name or description matched and no tool filter is chosen.
 */
export function hitsOf(data: ResultData, rank: number, query: string, selected: Record<Facet, string[]>): SearchHit[] {
  const words = data.content.split(/[\r\n\s]+/g);
  const located = new Map<number, number>();
  for (const l of data.weighted_locations ?? []) located.set(l.location, (located.get(l.location) ?? 0) + l.balanced_score);
  const anchorAt = new Map(data.anchors.map((a) => [a.id, a.location]));
  const tools = data.anchors
    .map((anchor) => ({ anchor, facets: readToolAnchorId(anchor.id) }))
    .filter((t): t is { anchor: typeof t.anchor; facets: ToolFacets } => t.facets !== undefined)
    .sort((a, b) => a.anchor.location - b.anchor.location);
  const queryWords = nameTokens(query);
  const queryTokens = queryWords.join(' ');
  const server = data.meta.title ?? '';
  const hits: SearchHit[] = [];
  // Sorted once and cut by binary search: a server of 5,000 tools has 50,000 locations of a common word.
  const locations = [...located.keys()].sort((a, b) => a - b);
  const matchesIn = (from: number, to: number) => locations.slice(firstAtOrAfter(locations, from), firstAtOrAfter(locations, to));
  const toolFilters = TOOL_FACETS.filter((f) => selected[f].length);

  const firstTool = tools[0]?.anchor.location ?? words.length;
  const serverMatches = matchesIn(0, firstTool);
  if (query && serverMatches.length && toolFilters.length === 0) {
    const about = anchorAt.get(SERVER_ABOUT_ID) ?? 0;
    hits.push({
      kind: 'server',
      url: data.url,
      name: server,
      server,
      excerpt: excerpt(words, about, firstTool, serverMatches),
      exact: queryTokens !== '' && nameTokens(server).join(' ') === queryTokens,
      coverage: coverage(queryWords, words, serverMatches),
      score: sum(serverMatches.map((l) => located.get(l)!)),
      order: rank * 100_000,
    });
  }

  tools.forEach(({ anchor, facets }, index) => {
    if (!passes(facets, selected)) return;
    const end = tools[index + 1]?.anchor.location ?? words.length;
    const matches = matchesIn(anchor.location, end);
    if (query && matches.length === 0) return;
    const descriptionStart = anchorAt.get(descriptionAnchorId(facets.slug)) ?? anchor.location;
    const descriptionEnd = anchorAt.get(extraWordsAnchorId(facets.slug)) ?? end;
    const name = anchor.text ?? facets.slug;
    hits.push({
      kind: 'tool',
      url: `${data.url.replace(/\/?$/, '/')}${facets.slug}/`,
      name,
      server,
      facets,
      excerpt: excerpt(words, descriptionStart, descriptionEnd, matches),
      exact: queryTokens !== '' && (query.trim().toLowerCase() === name.trim().toLowerCase() || nameTokens(name).join(' ') === queryTokens),
      coverage: coverage(queryWords, words, matches),
      score: sum(matches.map((l) => located.get(l)!)),
      order: rank * 100_000 + index + 1,
    });
  });
  return hits;
}

/** The index of the first of `sorted` that is >= `value` (its length when none is). */
function firstAtOrAfter(sorted: readonly number[], value: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (sorted[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Exact names first, then hits holding more of the query's words, then Pagefind's weights. */
export const compareHits = (a: SearchHit, b: SearchHit) =>
  Number(b.exact) - Number(a.exact) || b.coverage - a.coverage || b.score - a.score || a.order - b.order;

function passes(facets: ToolFacets, selected: Record<Facet, string[]>): boolean {
  if (selected.level.length && !selected.level.includes(facets.level)) return false;
  if (selected.category.length && !selected.category.includes(facets.category)) return false;
  if (selected.signal.length && !selected.signal.some((s) => (facets.signals as string[]).includes(s))) return false;
  if (selected.annotations.length && !facets.annotationsDisagree) return false;
  return true;
}

/** Up to EXCERPT_WORDS words of [from, to), starting a little before the first match inside it. */
function excerpt(words: string[], from: number, to: number, matches: number[]): SearchHit['excerpt'] {
  const firstInside = matches.find((l) => l >= from && l < to);
  const start = firstInside === undefined ? from : Math.max(from, firstInside - LEAD_WORDS);
  const end = Math.min(to, start + EXCERPT_WORDS);
  const marked = new Set(matches);
  const parts: SearchHit['excerpt'] = [];
  if (start > from) parts.push({ text: '… ', mark: false });
  for (let i = start; i < end; i++) {
    if (i > start) parts.push({ text: ' ', mark: false });
    parts.push({ text: words[i] ?? '', mark: marked.has(i) });
  }
  if (end < to) parts.push({ text: ' …', mark: false });
  return parts;
}

/** Query words found among the matched words (by stem-like prefix, as Pagefind matches `databases` to `database`). */
function coverage(queryWords: string[], words: string[], locations: number[]): number {
  const found = locations.flatMap((l) => nameTokens(words[l] ?? ''));
  return queryWords.filter((q) => {
    const stem = q.slice(0, Math.max(3, q.length - 2));
    return found.some((w) => w.startsWith(stem));
  }).length;
}
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** A page looks through this many servers for its hits, ("Show more" goes on)… */
export const MAX_SERVERS_PER_PAGE = 12;
/** …and further, up to this many, while it has found none at all: an empty page under a count helps no one. */
export const MAX_SERVERS_FOR_A_FIRST_HIT = 40;

/** Whether a page that holds `pooled` of the `wanted` hits, after looking through `looked` servers, loads more. */
export function keepLooking(pooled: number, wanted: number, looked: number): boolean {
  if (pooled >= wanted) return false;
  return looked < (pooled === 0 ? MAX_SERVERS_FOR_A_FIRST_HIT : MAX_SERVERS_PER_PAGE);
}
