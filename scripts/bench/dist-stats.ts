import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { lowerMedianIndex } from './stats.ts';

/** Sizes of a built site, in bytes (apparent file sizes, and what the files take on disk). */
export interface DistStats {
  files: number;
  bytes: number;
  /** Allocated blocks: each small file takes at least one 4 KB block. */
  diskBytes: number;
  htmlPages: number;
  /** The biggest HTML page of any kind (a huge server's page, a browse page). */
  largestPage: { path: string; bytes: number };
  toolPages: ToolPageStats;
  /** dist/pagefind: what a host stores for search. */
  searchIndex: { files: number; bytes: number };
}

export interface ToolPageStats {
  count: number;
  medianBytes: number;
  maxBytes: number;
  medianGzipBytes: number;
  maxGzipBytes: number;
  /** Relative to dist, with forward slashes: the page whose raw size is the (lower) median. */
  medianPage: string;
  maxPage: string;
}

export function* walkFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* walkFiles(path);
    else if (entry.isFile()) yield path;
  }
}

/** Tool pages are servers/<server>/<tool>/index.html. */
export const isToolPage = (relativePath: string): boolean => /^servers\/[^/]+\/[^/]+\/index\.html$/.test(relativePath);

export function measureDist(dist: string): DistStats {
  let files = 0;
  let bytes = 0;
  let diskBytes = 0;
  let htmlPages = 0;
  const largestPage = { path: '', bytes: 0 };
  const searchIndex = { files: 0, bytes: 0 };
  const pages: { path: string; raw: number; gzip: number }[] = [];
  for (const path of walkFiles(dist)) {
    const rel = relative(dist, path).split(sep).join('/');
    const { size, blocks } = statSync(path);
    files++;
    bytes += size;
    diskBytes += blocks * 512;
    if (rel.endsWith('.html')) {
      htmlPages++;
      if (size > largestPage.bytes) Object.assign(largestPage, { path: rel, bytes: size });
    }
    if (rel.startsWith('pagefind/')) {
      searchIndex.files++;
      searchIndex.bytes += size;
    }
    if (isToolPage(rel)) pages.push({ path: rel, raw: size, gzip: gzipSync(readFileSync(path)).length });
  }
  const byRaw = [...pages].sort((a, b) => a.raw - b.raw);
  const gzips = pages.map((p) => p.gzip).sort((a, b) => a - b);
  const mid = lowerMedianIndex(pages.length);
  const toolPages: ToolPageStats = {
    count: pages.length,
    medianBytes: byRaw[mid]?.raw ?? 0,
    maxBytes: byRaw.at(-1)?.raw ?? 0,
    medianGzipBytes: gzips[mid] ?? 0,
    maxGzipBytes: gzips.at(-1) ?? 0,
    medianPage: byRaw[mid]?.path ?? '',
    maxPage: byRaw.at(-1)?.path ?? '',
  };
  return { files, bytes, diskBytes, htmlPages, largestPage, toolPages, searchIndex };
}
