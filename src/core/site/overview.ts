import type { Catalog } from '../catalog/build-catalog.ts';
import { categoryPath, SERVERS_PATH, serverPagePath } from '../catalog/paths.ts';
import { CATEGORIES, CATEGORY_LABELS, LEVELS, type Level } from '../risk.ts';

/** How many servers the home page names; the rest are on the servers index. */
export const HOME_SERVERS = 12;

export interface CountedLink {
  label: string;
  path: string;
  tools: number;
}

/** What the home page shows: counts and links, computed from the catalog. */
export interface Overview {
  description: string;
  tools: number;
  servers: number;
  critical: number;
  levelCounts: Record<Level, number>;
  /** The servers with the most tools, most first (catalog order among equals). */
  largest: CountedLink[];
  /** The servers index, when the home page leaves servers out. */
  allServers?: { path: string; count: number };
  categories: CountedLink[];
}

export function overview(catalog: Catalog): Overview {
  const servers = catalog.servers.length;
  const largest = [...catalog.servers].sort((a, b) => b.tools.length - a.tools.length).slice(0, HOME_SERVERS);
  return {
    description: `Risk ratings and ready-to-use policies for ${catalog.tools.length} MCP tools on ${servers} servers.`,
    tools: catalog.tools.length,
    servers,
    critical: catalog.byLevel.critical.length,
    levelCounts: Object.fromEntries(LEVELS.map((l) => [l, catalog.byLevel[l].length])) as Record<Level, number>,
    largest: largest.map((server) => ({ label: server.meta.name, path: serverPagePath(server), tools: server.tools.length })),
    ...(servers > largest.length ? { allServers: { path: SERVERS_PATH, count: servers } } : {}),
    categories: CATEGORIES.map((c) => ({ label: CATEGORY_LABELS[c], path: categoryPath(c), tools: catalog.byCategory[c].length })),
  };
}
