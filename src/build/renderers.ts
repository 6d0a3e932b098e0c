import { BROWSE_PAGE_SIZE } from '../core/catalog/paths.ts';

/*
 * A build renders its pages in several Astro processes at once (one renders on one core): its
 * renderers, renderer `index` of `count` counted from 1. Each renders the pages of the servers
 * given to it and every count-th page of each listing (browse pages, servers index, sitemap); the
 * few static pages are rendered by all, and kept from the first.
 */
export interface Renderer {
  index: number;
  count: number;
}

/** The one renderer of a build that renders in one process. */
export const ONLY_RENDERER: Renderer = { index: 1, count: 1 };

/**
 * Which renderer renders each server: the largest servers first, each to the renderer with the
 * fewest pages so far. Every renderer computes the same answer from the same plan, so no server is
 * rendered twice or missed.
 */
export function assignRenderers(servers: readonly { slug: string; pages: number }[], count: number): Map<string, number> {
  const load = Array.from({ length: count }, () => 0);
  const order = [...servers].sort((a, b) => b.pages - a.pages || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const renderers = new Map<string, number>();
  for (const server of order) {
    let lightest = 0;
    for (let i = 1; i < count; i++) if (load[i]! < load[lightest]!) lightest = i;
    load[lightest]! += server.pages;
    renderers.set(server.slug, lightest + 1);
  }
  return renderers;
}

/** Besides a page per tool, a server's folder holds its own page, tools.json, flows.json, policy.json and changes.xml. */
export const FILES_PER_SERVER = 5;
export const serverPageCount = (tools: number) => tools + FILES_PER_SERVER;

/** About how many listing pages a catalog has: each tool under its level and its category, each server on the servers index, and the static pages. */
export const listingPageCount = (servers: number, tools: number) => Math.ceil((2 * tools + servers) / BROWSE_PAGE_SIZE) + 40;

/**
 * Whether a route's pages are split between the renderers (a route with parameters: servers'
 * pages and listings), so that each renderer's count of them counts; a route without (a static
 * page) is rendered by every renderer and kept from the first. `route` is Astro's pattern, e.g.
 * `/servers/[server]/[tool]`.
 */
export const isSplitRoute = (route: string) => route.includes('[');
