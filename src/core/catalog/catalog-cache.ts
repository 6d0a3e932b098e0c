import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, statSync, writeSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { analyseTool, type CatalogInput, type ToolAnalysis } from './build-catalog.ts';
import { catalogFiles, loadEach, loadServerFile, type LoadedServer } from './load.ts';

const VERSION = 1;

/** One data file as read, checked and analysed, with what identifies the file's state on disk. */
interface CachedServer {
  name: string;
  /** Absolute: each process shows it relative to its own working directory. */
  path: string;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  server: LoadedServer;
  analyses: ToolAnalysis[];
}

export interface CachedCatalog {
  servers: (LoadedServer & { analyses: readonly ToolAnalysis[] })[];
  /** Files whose state matched the cache: neither parsed, checked nor classified again. */
  reused: number;
}

/**
 * Reads a catalog like `loadCatalogDir`, plus each tool's analysis, reusing what `cacheFile` holds
 * for files unchanged on disk (same size, modification and change times) under the same `salt` (the
 * code and configuration: a change there redoes everything). At 250,000 tools, parsing, checking and
 * classifying take minutes; a rebuild after a few servers changed does only theirs. The cache is
 * rewritten only when every file is valid, one JSON line per server (one string would pass V8's
 * length limit).
 */
export function loadCatalogCached(catalogDir: string, cacheFile: string, salt: string, cwd = process.cwd()): CachedCatalog {
  const previous = readCache(cacheFile, salt);
  let reused = 0;
  const entries = loadEach(catalogFiles(catalogDir, cwd), (path): CachedServer => {
    const stat = statSync(path);
    const name = basename(path);
    const hit = previous.get(name);
    const file = relative(cwd, path) || path;
    if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs && hit.ctimeMs === stat.ctimeMs) {
      reused++;
      return { ...hit, path, server: relocated(hit.server, file) };
    }
    const server = loadServerFile(path, cwd);
    return { name, path, size: stat.size, mtimeMs: stat.mtimeMs, ctimeMs: stat.ctimeMs, server, analyses: server.data.tools.map(analyseTool) };
  });
  writeCache(cacheFile, salt, entries);
  return { servers: entries.map((entry) => ({ ...entry.server, analyses: entry.analyses })), reused };
}

/** The servers a cache written with `salt` holds, for `buildCatalog`; undefined when there is none such. */
export function readCachedCatalog(cacheFile: string, salt: string, cwd = process.cwd()): CatalogInput[] | undefined {
  if (!existsSync(cacheFile)) return undefined;
  const entries = readCache(cacheFile, salt);
  if (entries.size === 0) return undefined;
  return [...entries.values()].map((entry) => ({ ...relocated(entry.server, relative(cwd, entry.path) || entry.path), analyses: entry.analyses }));
}

/** Paths in messages are relative to the working directory, which differs between the CLI and the build. */
function relocated(server: LoadedServer, file: string): LoadedServer {
  if (server.file === file) return server;
  const warnings = server.warnings.map((line) => (line.startsWith(`${server.file} ›`) ? `${file}${line.slice(server.file.length)}` : line));
  return { ...server, file, warnings };
}

function readCache(cacheFile: string, salt: string): Map<string, CachedServer> {
  const entries = new Map<string, CachedServer>();
  let first = true;
  try {
    for (const line of readLines(cacheFile)) {
      if (first) {
        first = false;
        const header = JSON.parse(line) as { version?: number; salt?: string };
        if (header.version !== VERSION || header.salt !== salt) return new Map();
        continue;
      }
      const entry = JSON.parse(line) as CachedServer;
      entries.set(entry.name, entry);
    }
  } catch {
    // A missing, partial or foreign cache is no cache.
    return new Map();
  }
  return entries;
}

function writeCache(cacheFile: string, salt: string, entries: readonly CachedServer[]): void {
  const partial = `${cacheFile}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  try {
    writeSync(fd, `${JSON.stringify({ version: VERSION, salt })}\n`);
    for (const entry of entries) writeSync(fd, `${JSON.stringify(entry)}\n`);
  } finally {
    closeSync(fd);
  }
  renameSync(partial, cacheFile);
}

/** The file's lines, read in chunks: the whole file can be larger than one string may be. */
function* readLines(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const chunk = Buffer.alloc(Math.min(16 << 20, Math.max(1, fstatSync(fd).size)));
    // The decoder keeps a character split across two chunks whole.
    const decoder = new StringDecoder('utf8');
    let rest = '';
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const text = rest + decoder.write(chunk.subarray(0, read));
      const lines = text.split('\n');
      rest = lines.pop()!;
      yield* lines.filter(Boolean);
    }
    rest += decoder.end();
    if (rest) yield rest;
  } finally {
    closeSync(fd);
  }
}
