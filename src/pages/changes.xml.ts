import { buildDay, catalog } from '../content.ts';
import { siteChangesFeed } from '../core/site/change-feeds.ts';
import { absoluteUrl } from '../lib/absolute-url.ts';

// Rendered on every build, as the listing pages are: it spans all servers.
export const GET = () => new Response(siteChangesFeed(catalog, absoluteUrl, buildDay), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
