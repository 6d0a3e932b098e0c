import type { Catalog, CatalogServer } from '../catalog/build-catalog.ts';
import { definitionChanges, type CatalogChange } from '../history/catalog-changes.ts';
import { serverPagePath, toolPagePath } from '../catalog/paths.ts';
import { changesFeed } from '../history/changes-feed.ts';

/** Entries per feed: the newest changes; older ones stay on the tool pages. */
export const FEED_SIZE = 100;

/** Site paths of the feeds. */
export const SITE_FEED_PATH = '/changes.xml';
export const serverFeedPath = (server: { slug: string }) => `/servers/${server.slug}/changes.xml`;

const entries = (changes: CatalogChange[], url: (path: string) => string) =>
  changes.map(({ tool, change }) => ({ tool: tool.name, server: tool.server.meta.name, url: url(toolPagePath(tool)), change }));

/** `/changes.xml`: the newest definition changes across the catalog; `today` is the build's day (see newestFirst). */
export function siteChangesFeed(catalog: Catalog, url: (path: string) => string, today?: string): string {
  return changesFeed({
    title: 'Policy Atlas: MCP tool definition changes',
    link: url('/'),
    self: url(SITE_FEED_PATH),
    changes: entries(definitionChanges(catalog.tools, FEED_SIZE, today), url),
  });
}

/** `/servers/<server>/changes.xml`: made from that server's data only, so an unchanged server's feed is reused. */
export function serverChangesFeed(server: CatalogServer, url: (path: string) => string, today?: string): string {
  return changesFeed({
    title: `${server.meta.name}: tool definition changes (Policy Atlas)`,
    link: url(serverPagePath(server)),
    self: url(serverFeedPath(server)),
    changes: entries(definitionChanges(server.tools, FEED_SIZE, today), url),
  });
}
