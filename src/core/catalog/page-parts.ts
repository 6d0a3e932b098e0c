import { BROWSE_PAGE_SIZE } from './paths.ts';

/*
 * A build renders its pages in several processes at once (one Astro process renders on one core).
 * Each process is a part, `i/n` like a shard (shards.ts reads and writes it): it renders the pages
 * of the servers given to it and every n-th page of each listing (browse pages, servers index,
 * sitemap); the few static pages are rendered by all, and kept from the first.
 */

/**
 * Which part renders each server: the largest servers first, each to the part with the fewest pages
 * so far. Every process computes the same answer from the same plan, so no server is rendered twice
 * or missed.
 */
export function assignPageParts(servers: readonly { slug: string; pages: number }[], count: number): Map<string, number> {
  const load = Array.from({ length: count }, () => 0);
  const order = [...servers].sort((a, b) => b.pages - a.pages || (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
  const parts = new Map<string, number>();
  for (const server of order) {
    let lightest = 0;
    for (let i = 1; i < count; i++) if (load[i]! < load[lightest]!) lightest = i;
    load[lightest]! += server.pages;
    parts.set(server.slug, lightest + 1);
  }
  return parts;
}

/** Besides a page per tool, a server's folder holds its own page, tools.json, flows.json, policy.json and changes.xml. */
export const FILES_PER_SERVER = 5;
export const serverPageCount = (tools: number) => tools + FILES_PER_SERVER;

/** About how many listing pages a catalog has: each tool under its level and its category, each server on the servers index, and the static pages. */
export const listingPageCount = (servers: number, tools: number) => Math.ceil((2 * tools + servers) / BROWSE_PAGE_SIZE) + 40;
