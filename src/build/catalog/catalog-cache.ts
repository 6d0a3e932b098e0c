import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { analyseTool, listedTool, type CatalogInput, type ListedInput, type ServerBody } from '../../core/catalog/build-catalog.ts';
import type { LoadedServer } from '../../core/catalog/server-file.ts';
import { headerLine, parseBody, parseLine, readAt, readCache, writeLines, type Body, type Head, type Listing, type Place } from './cache-file.ts';
import { catalogFiles, loadEach, loadServerFile } from './load.ts';

/** The cache's name in a build's cache folder. */
export const CATALOG_CACHE_NAME = 'catalog.ndjson';

/** A server's line as read or about to be written. */
interface Line {
  head: Head;
  bytes: Buffer;
}

/** What a build says of the catalog it read: counts and warnings. */
export interface CatalogSummary {
  servers: number;
  tools: number;
  warnings: string[];
  /** Files whose state matched the cache: neither parsed, checked nor classified again. */
  reused: number;
}

/**
 * Reads a catalog like `loadCatalogDir` into `cacheFile`, with each tool's analysis, reusing the
 * lines it holds for files unchanged on disk (same size, modification and change times, inode and device) under the
 * same `fingerprint` (of the code and configuration: a change there redoes everything). At 250,000 tools,
 * parsing, checking and classifying take minutes; a rebuild after a few servers changed does only
 * theirs. The cache is rewritten only when every file is valid, one line per server (the whole
 * would pass V8's string length limit). `readCachedCatalog` gives the pages what it holds.
 */
export function loadCatalogCached(catalogDir: string, cacheFile: string, fingerprint: string, cwd = process.cwd()): CatalogSummary {
  return assembleCache(cacheFile, fingerprint, [readCatalogBatch(catalogFiles(catalogDir, cwd), cacheFile, fingerprint, `${cacheFile}.batch-0`, cwd)]);
}

/** What one reader of a batch of the catalog's files wrote to its batch file. */
export interface BatchReading extends CatalogSummary {
  batchFile: string;
  /** Lines the cache held under this fingerprint, for all files (a file removed since leaves one over). */
  previousLines: number;
}

/**
 * Reads `paths` (a batch of the catalog's files, in order) like `loadCatalogCached`, into
 * `batchFile`; `assembleCache` joins the batches. Readers of different batches can run at once.
 */
export function readCatalogBatch(paths: readonly string[], cacheFile: string, fingerprint: string, batchFile: string, cwd = process.cwd()): BatchReading {
  const names = new Set(paths.map((path) => basename(path)));
  const previous = new Map<string, Line>();
  const { lines: kept, total } = reusableLines(cacheFile, fingerprint, (head) => names.has(head.name));
  for (const line of kept) previous.set(line.head.name, line);
  let reused = 0;
  const lines = loadEach(paths, (path): Line => {
    const state = fileState(path);
    const name = basename(path);
    const hit = previous.get(name);
    if (hit && hit.head.path === path && sameState(hit.head, state)) {
      reused++;
      return hit;
    }
    const server = loadServerFile(path, cwd);
    const { tools: definitions, ...meta } = server.data;
    const analyses = definitions.map(analyseTool);
    const listing: Listing = { meta, tools: definitions.map((definition, i) => listedTool(definition, analyses[i]!.classification)) };
    const body: Body = { server, parameters: analyses.map((analysis) => analysis.parameters) };
    const rest = `${JSON.stringify(listing)}\t${JSON.stringify(body)}`;
    // What the pages show, not where the file was read from: a catalog built from another folder keeps its keys.
    const digest = createHash('sha256')
      .update(`${JSON.stringify(listing)}\t${JSON.stringify([server.data, body.parameters])}`)
      .digest('hex');
    const head: Head = { name, slug: server.slug, path, ...state, tools: definitions.length, file: server.file, warnings: server.warnings, digest };
    return { head, bytes: Buffer.from(`${JSON.stringify(head)}\t${rest}`) };
  });
  writeLines(
    batchFile,
    lines.map((line) => line.bytes),
  );
  return {
    batchFile,
    previousLines: total,
    servers: lines.length,
    tools: lines.reduce((n, line) => n + line.head.tools, 0),
    warnings: lines.flatMap(({ head }) => relocatedWarnings(head.warnings, head.file, relative(cwd, head.path) || head.path)),
    reused,
  };
}

type FileState = Pick<Head, 'size' | 'mtimeNs' | 'ctimeNs' | 'ino' | 'dev'>;

/** What tells a file's state: a file replaced by another (a new inode, another device) is another state, whatever its times. */
function fileState(path: string): FileState {
  const stat = statSync(path, { bigint: true });
  return { size: Number(stat.size), mtimeNs: String(stat.mtimeNs), ctimeNs: String(stat.ctimeNs), ino: String(stat.ino), dev: String(stat.dev) };
}

const sameState = (a: FileState, b: FileState) => a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino && a.dev === b.dev;

/**
 * Joins the batches (in order) into `cacheFile` when anything changed, and leaves it as it was, byte
 * for byte, when nothing did; the batch files are removed either way.
 */
export function assembleCache(cacheFile: string, fingerprint: string, batches: readonly BatchReading[]): CatalogSummary {
  const summary: CatalogSummary = {
    servers: batches.reduce((n, batch) => n + batch.servers, 0),
    tools: batches.reduce((n, batch) => n + batch.tools, 0),
    warnings: batches.flatMap((batch) => batch.warnings),
    reused: batches.reduce((n, batch) => n + batch.reused, 0),
  };
  try {
    const previousLines = batches[0]?.previousLines ?? 0;
    if (summary.reused !== summary.servers || previousLines !== summary.servers) {
      const partial = `${cacheFile}.${process.pid}.partial`;
      const fd = openSync(partial, 'w');
      try {
        writeSync(fd, headerLine(fingerprint));
        for (const batch of batches) copyInto(fd, batch.batchFile);
      } finally {
        closeSync(fd);
      }
      renameSync(partial, cacheFile);
    }
  } finally {
    for (const batch of batches) rmSync(batch.batchFile, { force: true });
  }
  return summary;
}

/**
 * The servers a cache written with `fingerprint` holds, for `buildCatalog`; undefined when there is none such.
 * Only heads and listings are parsed: a server's definitions are read from the file when one of its
 * pages asks for them, and the last few read are kept (pages are rendered server by server). At
 * 250,000 tools the definitions are most of the catalog's memory, which the renderer's collector
 * would otherwise walk for every page.
 */
export function readCachedCatalog(cacheFile: string, fingerprint: string, cwd = process.cwd()): ListedInput[] | undefined {
  const servers: ListedInput[] = [];
  const bodies = new RecentBodies(cacheFile);
  try {
    for (const line of readCache(cacheFile, fingerprint)) {
      const head = line.head();
      const { meta, tools } = line.listing();
      const place = { offset: line.place.offset + line.bodyStart, length: line.place.length - line.bodyStart };
      servers.push({
        slug: head.slug,
        file: relative(cwd, head.path) || head.path,
        meta,
        tools,
        digest: head.digest,
        loadBody: () => bodies.get(head.slug, place),
      });
    }
  } catch {
    return undefined;
  }
  return servers.length > 0 ? servers : undefined;
}

/**
 * Server bodies read back from the cache file, the last few kept: at most `size` of them and, past
 * the newest, `maxBytes` of their lines (a parsed body takes several times its text, and a server
 * of thousands of fat definitions is tens of megabytes of it).
 */
export class RecentBodies {
  private readonly kept = new Map<string, { body: ServerBody; bytes: number }>();
  private keptBytes = 0;
  private readonly cacheFile: string;
  private readonly size: number;
  private readonly maxBytes: number;

  constructor(cacheFile: string, size = 8, maxBytes = 64 << 20) {
    this.cacheFile = cacheFile;
    this.size = size;
    this.maxBytes = maxBytes;
  }

  /** How many bodies are held now. */
  get held(): number {
    return this.kept.size;
  }

  get(slug: string, place: Place): ServerBody {
    const hit = this.kept.get(slug);
    if (hit) {
      // Most recently used last.
      this.kept.delete(slug);
      this.kept.set(slug, hit);
      return hit.body;
    }
    const fd = openSync(this.cacheFile, 'r');
    let bodyBytes: Buffer;
    try {
      bodyBytes = readAt(fd, place);
    } finally {
      closeSync(fd);
    }
    const { server, parameters } = parseBody(bodyBytes);
    const body: ServerBody = { definitions: server.data.tools, parameters };
    this.kept.set(slug, { body, bytes: place.length });
    this.keptBytes += place.length;
    while (this.kept.size > 1 && (this.kept.size > this.size || this.keptBytes > this.maxBytes)) {
      const [oldest, { bytes: oldBytes }] = this.kept.entries().next().value!;
      this.kept.delete(oldest);
      this.keptBytes -= oldBytes;
    }
    return body;
  }
}

/** Paths in messages are relative to the working directory, which differs between the CLI and the build. */
function relocated(server: LoadedServer, file: string): LoadedServer {
  if (server.file === file) return server;
  return { ...server, file, warnings: relocatedWarnings(server.warnings, server.file, file) };
}

const relocatedWarnings = (warnings: string[], from: string, to: string) =>
  from === to ? warnings : warnings.map((line) => (line.startsWith(`${from} ›`) ? `${to}${line.slice(from.length)}` : line));

/**
 * The cache's lines under `fingerprint` whose head `keep` accepts, heads parsed, and how many it holds in
 * all; none for a missing, torn, foreign or older cache.
 */
function reusableLines(cacheFile: string, fingerprint: string, keep: (head: Head) => boolean): { lines: Line[]; total: number } {
  const lines: Line[] = [];
  let total = 0;
  try {
    for (const line of readCache(cacheFile, fingerprint)) {
      const head = line.head();
      total++;
      // Copied: the chunk the line sits in is read into again.
      if (keep(head)) lines.push({ head, bytes: Buffer.from(line.bytes) });
    }
  } catch {
    return { lines: [], total: 0 };
  }
  return { lines, total };
}

/** Appends a file to an open one in chunks: a batch can be larger than one buffer may be. */
function copyInto(fd: number, file: string): void {
  const from = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(16 << 20);
    for (let read = readSync(from, chunk); read > 0; read = readSync(from, chunk)) writeSync(fd, chunk, 0, read);
  } finally {
    closeSync(from);
  }
}

/**
 * The servers of the cache one at a time, in the catalog's order (by slug), for a reader that needs
 * each server alone (the search index): only the heads are held, and each body is read when its turn comes.
 */
export function* eachCachedServer(cacheFile: string, fingerprint: string, cwd = process.cwd()): Generator<CatalogInput> {
  const places: { slug: string; place: Place }[] = [];
  for (const line of readCache(cacheFile, fingerprint)) places.push({ slug: line.head().slug, place: line.place });
  places.sort((a, b) => (a.slug < b.slug ? -1 : 1));
  const fd = openSync(cacheFile, 'r');
  try {
    for (const { place } of places) {
      const line = parseLine(readAt(fd, place));
      const head = line.head();
      const { server, parameters } = line.body();
      const analyses = line.listing().tools.map(({ classification }, i) => ({ classification, parameters: parameters[i]! }));
      yield { ...relocated(server, relative(cwd, head.path) || head.path), analyses };
    }
  } finally {
    closeSync(fd);
  }
}
