import { setTimeout as delay } from 'node:timers/promises';
import type { Browser, Request } from 'playwright-core';
import { serveSite } from '../../tests/support/static-server.ts';

/** What one search costs the visitor: bytes transferred under /pagefind/, by kind of file. */
export interface QueryBytes {
  query: string;
  results: number;
  requests: number;
  /** Response bodies as sent plus response headers. */
  bytes: number;
  bodyBytes: number;
  byKind: Record<string, { requests: number; bytes: number }>;
}

const QUIET_MS = 1000;

/** Pagefind's files: the runtime (js, worker, wasm), its entry/meta, index chunks, filter chunks, result fragments. */
export function pagefindKind(pathname: string): string {
  const rest = pathname.replace(/^.*?\/pagefind\//, '');
  if (rest.startsWith('index/')) return 'index';
  if (rest.startsWith('filter/')) return 'filter';
  if (rest.startsWith('fragment/')) return 'fragment';
  if (rest.endsWith('.pf_meta')) return 'meta';
  if (rest === 'pagefind-entry.json') return 'entry';
  if (rest.includes('wasm')) return 'wasm';
  return 'runtime';
}

/**
 * Serves dist at base "/", opens /search/?<query> in Chromium, waits for the results and for the
 * network to go quiet, and sums the response sizes of every /pagefind/ request. Pagefind fetches its
 * index from a Web Worker, which a page's CDP session does not see, so this listens on the browser
 * context (which does) and reads Playwright's `request.sizes()`. Text files are sent gzipped, as
 * static hosts send them; Pagefind's index files are gzipped on disk already.
 */
export async function measureQueryBytes(browser: Browser, dist: string, query: string): Promise<QueryBytes> {
  // `query` is a search page query string without '?': `q=list_files` or `q=delete&level=high`.
  const site = await serveSite(dist, '/', { gzip: true });
  const context = await browser.newContext();
  try {
    const inFlight = new Set<Request>();
    const finished: Request[] = [];
    let lastActivity = Date.now();
    context.on('request', (request) => {
      lastActivity = Date.now();
      inFlight.add(request);
    });
    const settle = (request: Request) => {
      lastActivity = Date.now();
      inFlight.delete(request);
    };
    context.on('requestfailed', settle);
    context.on('requestfinished', (request) => {
      settle(request);
      finished.push(request);
    });
    const page = await context.newPage();
    await page.goto(`${site.url}search/?${query}`, { timeout: 120_000 });
    const status = page.getByRole('status').filter({ hasText: /\d+ results?\.|[\d,]+ servers match|No tools match|could not be loaded/ });
    await status.waitFor({ timeout: 300_000 });
    const statusText = await status.innerText();
    if (/could not be loaded/.test(statusText)) throw new Error(`the search page says: ${statusText}`);
    // "N servers match, but none of the first M has one tool…": nothing is listed until "Show more".
    const results = /No tools match|none of the first/.test(statusText) ? 0 : Number(/([\d,]+) (results?|servers)/.exec(statusText)![1]!.replace(/,/g, ''));
    if (results > 0) await page.locator('[data-results] li').first().waitFor({ timeout: 120_000 });
    // The status line appears before the result fragments load: wait until nothing is in flight for a while.
    const deadline = Date.now() + 120_000;
    while ((inFlight.size > 0 || Date.now() - lastActivity < QUIET_MS) && Date.now() < deadline) await delay(100);

    const byKind: QueryBytes['byKind'] = {};
    let bytes = 0;
    let bodyBytes = 0;
    let requests = 0;
    for (const request of finished) {
      const { pathname } = new URL(request.url());
      if (!pathname.startsWith('/pagefind/')) continue;
      const sizes = await request.sizes();
      const size = sizes.responseBodySize + sizes.responseHeadersSize;
      const kind = (byKind[pagefindKind(pathname)] ??= { requests: 0, bytes: 0 });
      kind.requests++;
      kind.bytes += size;
      requests++;
      bytes += size;
      bodyBytes += sizes.responseBodySize;
    }
    return { query, results, requests, bytes, bodyBytes, byKind };
  } finally {
    await context.close();
    await site.close();
  }
}
