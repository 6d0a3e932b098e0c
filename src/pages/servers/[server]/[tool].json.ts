import type { APIRoute } from 'astro';
import { toolPaths } from '../../../content.ts';
import type { CatalogTool } from '../../../core/catalog/build-catalog.ts';
import { toolRecord } from '../../../core/site/machine-readable.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';

export const getStaticPaths = toolPaths;

export const GET: APIRoute = ({ props }) => Response.json(toolRecord((props as { tool: CatalogTool }).tool, absoluteUrl));
