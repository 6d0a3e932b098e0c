import { nameTokens } from '../text/tokens.ts';
import type { Catalog, CatalogTool } from './build-catalog.ts';
import { sameCategoryTools } from './same-category.ts';

const MAX_RELATED = 6;

/** Index from a name word to tools, built once per catalog. */
export type RelatedIndex = Map<string, CatalogTool[]>;

export function buildRelatedIndex(catalog: Catalog): RelatedIndex {
  const index = new Map<string, CatalogTool[]>();
  for (const tool of catalog.tools) {
    for (const token of new Set(nameTokens(tool.name))) {
      const list = index.get(token);
      if (list) list.push(tool);
      else index.set(token, [tool]);
    }
  }
  return index;
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
  for (const sibling of sameCategoryTools(tool)) {
    if (out.length >= MAX_RELATED / 2) break;
    add(sibling);
  }
  // Rarer words say more: "msk" relates tools better than "get".
  const tokens = [...new Set(nameTokens(tool.name))].sort((a, b) => (index.get(a)?.length ?? 0) - (index.get(b)?.length ?? 0));
  for (const token of tokens) {
    for (const candidate of (index.get(token) ?? []).slice(0, 50)) {
      if (candidate.server !== tool.server) add(candidate);
    }
  }
  for (const sibling of tool.server.tools) {
    if (out.length >= MAX_RELATED) break;
    add(sibling);
  }
  return out;
}
