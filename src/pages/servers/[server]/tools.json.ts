import type { APIRoute } from 'astro';
import { serverPaths } from '../../../content.ts';
import type { CatalogServer } from '../../../core/catalog/build-catalog.ts';
import { serverRecord } from '../../../core/site/machine-readable.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';

export const getStaticPaths = serverPaths;

export const GET: APIRoute = ({ props }) => Response.json(serverRecord((props as { server: CatalogServer }).server, absoluteUrl));
