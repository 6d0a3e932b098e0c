import type { APIRoute } from 'astro';
import { serverPaths } from '../../../content.ts';
import type { CatalogServer } from '../../../core/catalog/build-catalog.ts';
import { policyText } from '../../../core/catalog/tool-page.ts';
import { serverFlows } from '../../../core/flows/server-flows.ts';

// The server policy its page shows, as a file: what a gateway loads, and what a large server's page links.
export const getStaticPaths = serverPaths;

export const GET: APIRoute = ({ props }) =>
  new Response(policyText(serverFlows((props as { server: CatalogServer }).server).policy), { headers: { 'content-type': 'application/json' } });
