import { fnv1a } from '../text/hash.ts';
import { nameTokens } from '../text/tokens.ts';
import type { Catalog, CatalogTool } from './build-catalog.ts';

const MAX_RELATED = 6;
/** Tools of a name word looked at per tool: enough to find other servers' tools past its own server's. */
const CANDIDATES_PER_WORD = 50;

/** Index from a name word to tools, built once per catalog; each list in `placeOf` order. */
export type RelatedIndex = Map<string, CatalogTool[]>;

/**
 * A tool's place among the tools sharing a word: a hash of its server and slug, so that it does not
 * move when other tools are added or removed. Each tool's candidates are the tools that follow its
 * own place, so a change to one tool changes the related rows of the few tools just before it,
 * where the first tools in catalog order were everyone's candidates and one change to an early
 * server re-rendered hundreds of servers in an incremental build.
 */
const placeOf = (tool: CatalogTool): number => fnv1a(`${tool.server.slug}/${tool.slug}`);

export function buildRelatedIndex(catalog: Catalog): RelatedIndex {
  const index = new Map<string, CatalogTool[]>();
  for (const tool of catalog.tools) {
    for (const token of new Set(nameTokens(tool.name))) {
      const list = index.get(token);
      if (list) list.push(tool);
      else index.set(token, [tool]);
    }
  }
  const places = new Map(catalog.tools.map((tool) => [tool, placeOf(tool)]));
  // Ties (two tools of one place) keep catalog order, which sort keeps.
  for (const list of index.values()) list.sort((a, b) => places.get(a)! - places.get(b)!);
  return index;
}

/** The tools of `list` from `tool`'s place on, wrapping around, at most `max`. */
function* following(list: readonly CatalogTool[], tool: CatalogTool, max: number): Generator<CatalogTool> {
  const place = placeOf(tool);
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (placeOf(list[middle]!) < place) low = middle + 1;
    else high = middle;
  }
  for (let i = 0; i < Math.min(max, list.length); i++) yield list[(low + i) % list.length]!;
}

/** Same-server tools of the same category first, then other servers' tools sharing a name word. */
export function relatedTools(tool: CatalogTool, index: RelatedIndex): CatalogTool[] {
  const picked = new Set<CatalogTool>([tool]);
  const out: CatalogTool[] = [];
  const add = (candidate: CatalogTool) => {
    if (out.length < MAX_RELATED && !picked.has(candidate)) {
      picked.add(candidate);
      out.push(candidate);
    }
  };
  for (const sibling of tool.server.tools) {
    if (out.length >= MAX_RELATED / 2) break;
    if (sibling.classification.category === tool.classification.category) add(sibling);
  }
  // Rarer words say more: "msk" relates tools better than "get".
  const tokens = [...new Set(nameTokens(tool.name))].sort((a, b) => (index.get(a)?.length ?? 0) - (index.get(b)?.length ?? 0));
  for (const token of tokens) {
    for (const candidate of following(index.get(token) ?? [], tool, CANDIDATES_PER_WORD)) {
      if (candidate.server !== tool.server) add(candidate);
    }
  }
  for (const sibling of tool.server.tools) add(sibling);
  return out;
}
