import { CATEGORIES, LEVELS, type Category, type Level } from '../risk.ts';
import type { Catalog } from './build-catalog.ts';

/** Site paths without the deployment base; the Astro layer prefixes the base. */
export const SERVERS_PATH = '/servers/';
export const serverPagePath = (server: { slug: string }) => `${SERVERS_PATH}${server.slug}/`;
export const toolPagePath = (tool: { slug: string; server: { slug: string } }) => `${serverPagePath(tool.server)}${tool.slug}/`;
export const levelPath = (level: Level, page = 1) => (page > 1 ? `/risk/${level}/${page}/` : `/risk/${level}/`);
export const categoryPath = (category: Category, page = 1) => (page > 1 ? `/categories/${category}/${page}/` : `/categories/${category}/`);

/** Tools per browse page (by risk, by category). */
export const BROWSE_PAGE_SIZE = 100;

/** The pages that are not made from catalog data, without the 404 page. */
export const FIXED_PAGE_PATHS = ['/', SERVERS_PATH, '/risk/', '/categories/', '/search/', '/stack/', '/policy/', '/methodology/', '/methodology/accuracy/', '/policy-format/', '/deploy/'] as const;

const pageCount = (items: number) => Math.max(1, Math.ceil(items / BROWSE_PAGE_SIZE));

/** Every HTML page of the site but 404, for the sitemap: it is made from the catalog, not from the pages a build rendered. */
export function sitePagePaths(catalog: Catalog): string[] {
  const paths: string[] = [...FIXED_PAGE_PATHS];
  for (const level of LEVELS) for (let n = 1; n <= pageCount(catalog.byLevel[level].length); n++) paths.push(levelPath(level, n));
  for (const category of CATEGORIES) for (let n = 1; n <= pageCount(catalog.byCategory[category].length); n++) paths.push(categoryPath(category, n));
  for (const server of catalog.servers) {
    paths.push(serverPagePath(server));
    for (const tool of server.tools) paths.push(toolPagePath(tool));
  }
  return paths;
}
