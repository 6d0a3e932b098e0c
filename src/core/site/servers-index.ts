import type { Catalog } from '../catalog/build-catalog.ts';
import { BROWSE_PAGE_SIZE, pageCount, SERVERS_PAGE_SEGMENT, serverPagePath, serversPath } from '../catalog/paths.ts';
import type { Level } from '../risk.ts';

export interface ServerRow {
  name: string;
  path: string;
  tools: number;
  levelCounts: Record<Level, number>;
}

/** Where a page is among its listing's pages; prev and next are paths, absent at either end. */
export interface Pagination {
  current: number;
  last: number;
  prev?: string;
  next?: string;
}

/** One page of the servers index, as the page shows it. */
export interface ServersIndexPage {
  path: string;
  title: string;
  description: string;
  summary: string;
  rows: ServerRow[];
  /** Set when the index takes more than one page. */
  caption?: string;
  pagination?: Pagination;
}

/** The rest param of the route for page n: none for the first page, `_page/n` after it. */
export const serversPageParam = (n: number) => (n > 1 ? `${SERVERS_PAGE_SEGMENT}/${n}` : undefined);

/** The servers index, BROWSE_PAGE_SIZE servers a page in catalog order. */
export function serversIndexPages(catalog: Catalog): ServersIndexPage[] {
  const { servers } = catalog;
  const last = pageCount(servers.length);
  return Array.from({ length: last }, (_, i) => {
    const n = i + 1;
    const start = i * BROWSE_PAGE_SIZE;
    const shown = servers.slice(start, start + BROWSE_PAGE_SIZE);
    const pageNote = last > 1 ? ` (page ${n} of ${last})` : '';
    return {
      path: serversPath(n),
      title: `Servers${pageNote}`,
      description: `All ${servers.length} MCP servers in the catalog.`,
      summary: `${servers.length} servers, ${catalog.tools.length} tools.`,
      rows: shown.map((server) => ({ name: server.meta.name, path: serverPagePath(server), tools: server.tools.length, levelCounts: server.levelCounts })),
      ...(last > 1
        ? {
            caption: `Servers ${start + 1} to ${start + shown.length} of ${servers.length}${pageNote}`,
            pagination: { current: n, last, ...(n > 1 ? { prev: serversPath(n - 1) } : {}), ...(n < last ? { next: serversPath(n + 1) } : {}) },
          }
        : {}),
    };
  });
}
