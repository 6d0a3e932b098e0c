import { BROWSE_PAGE_SIZE } from './paths.ts';

/**
 * A build renders its pages in several processes at once (one Astro process renders on one core).
 * Each process is a part: it renders the pages of the servers given to it and every n-th page of
 * each listing (browse pages, servers index, sitemap); the few static pages are rendered by all,
 * and kept from the first.
 */
export interface PagePart {
  index: number;
  count: number;
}

/** Reads `i/n` as the build passes it; undefined for anything else (one process renders all). */
export function parsePagePart(text: string): PagePart | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && index <= count ? { index, count } : undefined;
}

export const formatPagePart = (part: PagePart) => `${part.index}/${part.count}`;

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

/** Besides a page per tool, a server's folder holds its own page, tools.json, flows.json and changes.xml. */
export const FILES_PER_SERVER = 4;
export const serverPageCount = (tools: number) => tools + FILES_PER_SERVER;

/** About how many listing pages a catalog has: each tool under its level and its category, each server on the servers index, and the static pages. */
export const listingPageCount = (servers: number, tools: number) => Math.ceil((2 * tools + servers) / BROWSE_PAGE_SIZE) + 40;
