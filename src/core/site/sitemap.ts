import { Readable } from 'node:stream';
import { SitemapIndexStream, SitemapStream, streamToPromise } from 'sitemap';

/** URLs per sitemap file: the protocol allows 50,000. */
export const SITEMAP_CHUNK = 45_000;

export function sitemapChunks<T>(items: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += SITEMAP_CHUNK) chunks.push(items.slice(i, i + SITEMAP_CHUNK));
  return chunks.length > 0 ? chunks : [[]];
}

/** A `<urlset>` of absolute page URLs. */
export async function sitemapXml(urls: readonly string[]): Promise<string> {
  return (await streamToPromise(Readable.from(urls.map((url) => ({ url }))).pipe(new SitemapStream()))).toString('utf8');
}

/** A `<sitemapindex>` of absolute sitemap URLs. */
export async function sitemapIndexXml(sitemaps: readonly string[]): Promise<string> {
  return (await streamToPromise(Readable.from(sitemaps.map((url) => ({ url }))).pipe(new SitemapIndexStream()))).toString('utf8');
}
