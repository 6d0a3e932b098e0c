import type { APIRoute } from 'astro';
import { buildDay, serverPaths } from '../../../content.ts';
import type { CatalogServer } from '../../../core/catalog/build-catalog.ts';
import { serverChangesFeed } from '../../../core/site/change-feeds.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';

// Under servers/<slug>/: rendered with the server's pages, reused with them when its key is unchanged.
export const getStaticPaths = serverPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(serverChangesFeed((props as { server: CatalogServer }).server, absoluteUrl, buildDay), {
    headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' },
  });
