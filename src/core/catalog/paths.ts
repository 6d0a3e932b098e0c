import { CATEGORIES, LEVELS, type Category, type Level } from '../risk.ts';
import type { Catalog } from './build-catalog.ts';

/** Site paths without the deployment base; the Astro layer prefixes the base. */
export const SERVERS_PATH = '/servers/';
export const serverPagePath = (server: { slug: string }) => `${SERVERS_PATH}${server.slug}/`;
/** The server policy as a file, for gateways and scripts; large servers' pages link it instead of showing it. */
export const serverPolicyPath = (server: { slug: string }) => `${serverPagePath(server)}policy.json`;
export const toolPagePath = (tool: { slug: string; server: { slug: string } }) => `${serverPagePath(tool.server)}${tool.slug}/`;
export const levelPath = (level: Level, page = 1) => (page > 1 ? `/risk/${level}/${page}/` : `/risk/${level}/`);
export const categoryPath = (category: Category, page = 1) => (page > 1 ? `/categories/${category}/${page}/` : `/categories/${category}/`);

/** Tools per browse page (by risk, by category), and servers per page of the servers index. */
export const BROWSE_PAGE_SIZE = 100;

/**
 * Pages after the first of the servers index live under this segment. It starts with "_", which no
 * server slug can (slugs are [a-z0-9] words joined by "-"), so /servers/_page/2/ can never be the
 * page of a server, as /servers/2/ would be for a server named "2".
 */
export const SERVERS_PAGE_SEGMENT = '_page';
export const serversPath = (page = 1) => (page > 1 ? `${SERVERS_PATH}${SERVERS_PAGE_SEGMENT}/${page}/` : SERVERS_PATH);

/** The pages that are not made from catalog data, without the 404 page. */
export const FIXED_PAGE_PATHS = [
  '/',
  SERVERS_PATH,
  '/risk/',
  '/categories/',
  '/search/',
  '/stack/',
  '/policy/',
  '/methodology/',
  '/methodology/accuracy/',
  '/policy-format/',
  '/deploy/',
] as const;

/** Pages of a listing of `items`; an empty listing still has its first page. */
export const pageCount = (items: number) => Math.max(1, Math.ceil(items / BROWSE_PAGE_SIZE));

/** Every HTML page of the site but 404, for the sitemap: it is made from the catalog, not from the pages a build rendered. */
export function sitePagePaths(catalog: Catalog): string[] {
  const paths: string[] = [...FIXED_PAGE_PATHS];
  for (const level of LEVELS) for (let n = 1; n <= pageCount(catalog.byLevel[level].length); n++) paths.push(levelPath(level, n));
  for (const category of CATEGORIES) for (let n = 1; n <= pageCount(catalog.byCategory[category].length); n++) paths.push(categoryPath(category, n));
  // The first page of the servers index is among the fixed pages.
  for (let n = 2; n <= pageCount(catalog.servers.length); n++) paths.push(serversPath(n));
  for (const server of catalog.servers) {
    paths.push(serverPagePath(server));
    for (const tool of server.tools) paths.push(toolPagePath(tool));
  }
  return paths;
}
