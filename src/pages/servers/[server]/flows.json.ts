import type { APIRoute } from 'astro';
import { serverPaths } from '../../../content.ts';
import type { CatalogServer } from '../../../core/catalog/build-catalog.ts';
import { serverFlowsRecord } from '../../../core/flows/server-flows.ts';

// Rendered with the server's pages (and reused with them): the stack page loads it on demand.
export const getStaticPaths = serverPaths;

export const GET: APIRoute = ({ props }) => Response.json(serverFlowsRecord((props as { server: CatalogServer }).server));
