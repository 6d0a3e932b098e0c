import type { Category, Level } from '../risk.ts';

/** Site paths without the deployment base; the Astro layer prefixes the base. */
export const serverPagePath = (server: { slug: string }) => `/servers/${server.slug}/`;
export const toolPagePath = (tool: { slug: string; server: { slug: string } }) => `/servers/${tool.server.slug}/${tool.slug}/`;
export const levelPath = (level: Level, page = 1) => (page > 1 ? `/risk/${level}/${page}/` : `/risk/${level}/`);
export const categoryPath = (category: Category, page = 1) => (page > 1 ? `/categories/${category}/${page}/` : `/categories/${category}/`);
