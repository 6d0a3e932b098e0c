import type { APIRoute } from 'astro';
import { catalog } from '../../../content.ts';
import type { CatalogTool } from '../../../core/catalog/build-catalog.ts';
import { toolRecord } from '../../../core/site/machine-readable.ts';
import { absoluteUrl } from '../../../lib/absolute-url.ts';

export function getStaticPaths() {
  return catalog.tools.map((tool) => ({ params: { server: tool.server.slug, tool: tool.slug }, props: { tool } }));
}

export const GET: APIRoute = ({ props }) => Response.json(toolRecord((props as { tool: CatalogTool }).tool, absoluteUrl));
