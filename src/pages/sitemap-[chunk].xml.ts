import type { GetStaticPaths } from 'astro';
import { catalog, listingPaths } from '../content.ts';
import { sitePagePaths } from '../core/catalog/paths.ts';
import { sitemapChunks, sitemapXml } from '../core/site/sitemap.ts';
import { absoluteUrl } from '../lib/absolute-url.ts';

export const getStaticPaths = (() =>
  listingPaths(() => sitemapChunks(sitePagePaths(catalog)).map((paths, n) => ({ params: { chunk: String(n) }, props: { paths } })))) satisfies GetStaticPaths;

export async function GET({ props }: { props: { paths: string[] } }) {
  return new Response(await sitemapXml(props.paths.map(absoluteUrl)), { headers: { 'Content-Type': 'application/xml' } });
}
