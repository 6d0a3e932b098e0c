import type { Category } from '../risk.ts';
import type { CatalogTool } from './build-catalog.ts';

// Keyed by the server's tool list: every page of a server asks, and a server may list 20,000 tools.
const byList = new WeakMap<readonly CatalogTool[], Map<Category, CatalogTool[]>>();

/** The tools of `tool`'s server in its category, itself included, in the server's order. */
export function sameCategoryTools(tool: CatalogTool): readonly CatalogTool[] {
  const list = tool.server.tools;
  let groups = byList.get(list);
  if (!groups) {
    groups = new Map();
    for (const each of list) {
      const group = groups.get(each.classification.category);
      if (group) group.push(each);
      else groups.set(each.classification.category, [each]);
    }
    byList.set(list, groups);
  }
  return groups.get(tool.classification.category) ?? [];
}
