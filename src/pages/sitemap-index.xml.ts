import { catalog } from '../content.ts';
import { sitePagePaths } from '../core/catalog/paths.ts';
import { sitemapChunks, sitemapIndexXml } from '../core/site/sitemap.ts';
import { absoluteUrl } from '../lib/absolute-url.ts';

// Made from the catalog, not from the pages this build rendered: an incremental build lists them all.
export async function GET() {
  const chunks = sitemapChunks(sitePagePaths(catalog));
  const xml = await sitemapIndexXml(chunks.map((_, n) => absoluteUrl(`/sitemap-${n}.xml`)));
  return new Response(xml, { headers: { 'Content-Type': 'application/xml' } });
}
