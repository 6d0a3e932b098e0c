import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, relative } from 'node:path';
import { analyseTool, listedTool, type CatalogInput, type ListedInput, type ListedTool, type ServerBody } from '../../core/catalog/build-catalog.ts';
import type { LoadedServer } from '../../core/catalog/server-file.ts';
import type { Parameter } from '../../core/input-schema/parameters.ts';
import { catalogFiles, loadEach, loadServerFile } from './load.ts';

const VERSION = 4;
/** The cache's name in a build's cache folder. */
export const CATALOG_CACHE_NAME = 'catalog.ndjson';
const TAB = 9;

/** Where a cache line's head and listing end (each at a tab; the body runs to the line's end). A torn line throws. */
function lineParts(bytes: Buffer): { headEnd: number; listingEnd: number } {
  const headEnd = bytes.indexOf(TAB);
  const listingEnd = headEnd < 0 ? -1 : bytes.indexOf(TAB, headEnd + 1);
  if (listingEnd < 0 || bytes[bytes.length - 1] !== 0x7d) throw new Error('torn line');
  return { headEnd, listingEnd };
}
const NEWLINE = 10;

/**
 * What identifies a data file's state on disk, and what a build says of it without the rest. A line
 * of the cache is this head, a tab, what listings show (`Listing`), a tab, and the rest (`Body`):
 * JSON never holds a raw tab, and a file that did not change is written back as the bytes it was
 * read as. The pages parse heads and listings, and a server's body only to render its own pages.
 */
interface Head {
  name: string;
  slug: string;
  /** Absolute: each process shows it relative to its own working directory. */
  path: string;
  /** Which file it was, to the nanosecond and inode: size and times alone match another file now and then. */
  size: number;
  mtimeNs: string;
  ctimeNs: string;
  ino: string;
  dev: string;
  tools: number;
  /** As the writer named the file, and its warnings in those words (see `relocated`). */
  file: string;
  warnings: string[];
  /** Of the listing and body as written: part of the server's build key. */
  digest: string;
}

/** What tables and listings show of the server: everything but definitions and parameters. */
interface Listing {
  meta: ListedInput['meta'];
  tools: ListedTool[];
}

/** One data file as read and checked, with its tools' parameters (their classifications are in the listing). */
interface Body {
  server: LoadedServer;
  parameters: Parameter[][];
}

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
 * same `salt` (the code and configuration: a change there redoes everything). At 250,000 tools,
 * parsing, checking and classifying take minutes; a rebuild after a few servers changed does only
 * theirs. The cache is rewritten only when every file is valid, one line per server (the whole
 * would pass V8's string length limit). `readCachedCatalog` gives the pages what it holds.
 */
export function loadCatalogCached(catalogDir: string, cacheFile: string, salt: string, cwd = process.cwd()): CatalogSummary {
  return assembleCache(cacheFile, salt, [readCatalogPart(catalogFiles(catalogDir, cwd), cacheFile, salt, `${cacheFile}.part-0`, cwd)]);
}

/** What one reader of a share of the catalog's files wrote to its part file. */
export interface PartReading extends CatalogSummary {
  partFile: string;
  /** Lines the cache held under this salt, for all files (a file removed since leaves one over). */
  previousLines: number;
}

/**
 * Reads `paths` (a share of the catalog's files, in order) like `loadCatalogCached`, into
 * `partFile`; `assembleCache` joins the parts. Readers of different shares can run at once.
 */
export function readCatalogPart(paths: readonly string[], cacheFile: string, salt: string, partFile: string, cwd = process.cwd()): PartReading {
  const names = new Set(paths.map((path) => basename(path)));
  const previous = new Map<string, Line>();
  const { lines: kept, total } = readCacheLines(cacheFile, salt, (head) => names.has(head.name));
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
    const digest = createHash('sha256').update(rest).digest('hex');
    const head: Head = { name, slug: server.slug, path, ...state, tools: definitions.length, file: server.file, warnings: server.warnings, digest };
    return { head, bytes: Buffer.from(`${JSON.stringify(head)}\t${rest}`) };
  });
  writeLines(partFile, lines);
  return {
    partFile,
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
 * Joins the parts (in order) into `cacheFile` when anything changed, and leaves it as it was, byte
 * for byte, when nothing did; the part files are removed either way.
 */
export function assembleCache(cacheFile: string, salt: string, parts: readonly PartReading[]): CatalogSummary {
  const summary: CatalogSummary = {
    servers: parts.reduce((n, part) => n + part.servers, 0),
    tools: parts.reduce((n, part) => n + part.tools, 0),
    warnings: parts.flatMap((part) => part.warnings),
    reused: parts.reduce((n, part) => n + part.reused, 0),
  };
  try {
    const previousLines = parts[0]?.previousLines ?? 0;
    if (summary.reused !== summary.servers || previousLines !== summary.servers) {
      const partial = `${cacheFile}.${process.pid}.partial`;
      const fd = openSync(partial, 'w');
      try {
        writeSync(fd, `${JSON.stringify({ version: VERSION, salt })}\n`);
        for (const part of parts) copyInto(fd, part.partFile);
      } finally {
        closeSync(fd);
      }
      renameSync(partial, cacheFile);
    }
  } finally {
    for (const part of parts) rmSync(part.partFile, { force: true });
  }
  return summary;
}

/**
 * The servers a cache written with `salt` holds, for `buildCatalog`; undefined when there is none such.
 * Only heads and listings are parsed: a server's definitions are read from the file when one of its
 * pages asks for them, and the last few read are kept (pages are rendered server by server). At
 * 250,000 tools the definitions are most of the catalog's memory, which the renderer's collector
 * would otherwise walk for every page.
 */
export function readCachedCatalog(cacheFile: string, salt: string, cwd = process.cwd()): ListedInput[] | undefined {
  const servers: ListedInput[] = [];
  const bodies = new RecentBodies(cacheFile);
  try {
    let first = true;
    scanLines(cacheFile, (bytes, offset) => {
      if (first) {
        first = false;
        const header = JSON.parse(bytes.toString('utf8')) as { version?: number; salt?: string };
        if (header.version !== VERSION || header.salt !== salt) throw new Error('foreign cache');
        return;
      }
      const { headEnd, listingEnd } = lineParts(bytes);
      const head = JSON.parse(bytes.toString('utf8', 0, headEnd)) as Head;
      const listing = JSON.parse(bytes.toString('utf8', headEnd + 1, listingEnd)) as Listing;
      const place = { offset: offset + listingEnd + 1, length: bytes.length - listingEnd - 1 };
      servers.push({ slug: head.slug, file: relative(cwd, head.path) || head.path, meta: listing.meta, tools: listing.tools, digest: head.digest, body: () => bodies.get(head.slug, place) });
    });
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

  get(slug: string, place: { offset: number; length: number }): ServerBody {
    const hit = this.kept.get(slug);
    if (hit) {
      // Most recently used last.
      this.kept.delete(slug);
      this.kept.set(slug, hit);
      return hit.body;
    }
    const bytes = Buffer.alloc(place.length);
    const fd = openSync(this.cacheFile, 'r');
    try {
      readSync(fd, bytes, 0, place.length, place.offset);
    } finally {
      closeSync(fd);
    }
    const { server, parameters } = JSON.parse(bytes.toString('utf8')) as Body;
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
 * The cache's lines under `salt` whose head `keep` accepts, heads parsed, and how many it holds in
 * all; none for a missing, torn, foreign or older cache.
 */
function readCacheLines(cacheFile: string, salt: string, keep: (head: Head) => boolean): { lines: Line[]; total: number } {
  const lines: Line[] = [];
  let total = 0;
  try {
    let first = true;
    let foreign = false;
    scanLines(cacheFile, (bytes) => {
      if (foreign) return;
      if (first) {
        first = false;
        const header = JSON.parse(bytes.toString('utf8')) as { version?: number; salt?: string };
        foreign = header.version !== VERSION || header.salt !== salt;
        return;
      }
      const head = JSON.parse(bytes.toString('utf8', 0, lineParts(bytes).headEnd)) as Head;
      total++;
      // Copied: the chunk the line sits in is read into again.
      if (keep(head)) lines.push({ head, bytes: Buffer.from(bytes) });
    });
    if (foreign) return { lines: [], total: 0 };
  } catch {
    return { lines: [], total: 0 };
  }
  return { lines, total };
}

/** Appends a file to an open one in chunks: a part can be larger than one buffer may be. */
function copyInto(fd: number, file: string): void {
  const from = openSync(file, 'r');
  try {
    const chunk = Buffer.alloc(16 << 20);
    for (let read = readSync(from, chunk); read > 0; read = readSync(from, chunk)) writeSync(fd, chunk, 0, read);
  } finally {
    closeSync(from);
  }
}

/** Lines, each ended by a newline, into `file` (a part of the cache: no header). */
function writeLines(file: string, lines: readonly Line[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const { bytes } of lines) {
      writeSync(fd, bytes);
      writeSync(fd, '\n');
    }
  } finally {
    closeSync(fd);
  }
}

/** Each line of the file with its byte offset; `bytes` is valid only during the call (the chunk is read into again). */
function scanLines(path: string, onLine: (bytes: Buffer, offset: number) => void): void {
  if (!existsSync(path)) return;
  const fd = openSync(path, 'r');
  try {
    // In chunks: the whole file can be larger than one string may be.
    const chunk = Buffer.alloc(Math.min(16 << 20, Math.max(1, fstatSync(fd).size)));
    let rest: Buffer = Buffer.alloc(0);
    let restOffset = 0;
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) {
      const bytes = rest.length > 0 ? Buffer.concat([rest, chunk.subarray(0, read)]) : chunk.subarray(0, read);
      let start = 0;
      for (let end = bytes.indexOf(NEWLINE); end >= 0; end = bytes.indexOf(NEWLINE, start)) {
        if (end > start) onLine(bytes.subarray(start, end), restOffset + start);
        start = end + 1;
      }
      rest = Buffer.from(bytes.subarray(start));
      restOffset += start;
    }
    if (rest.length > 0) onLine(rest, restOffset);
  } finally {
    closeSync(fd);
  }
}

/**
 * The servers of the cache one at a time, in the catalog's order (by slug), for a reader that needs
 * each server alone (the search index): only the heads are held, and each body is read when its turn comes.
 */
export function* eachCachedServer(cacheFile: string, salt: string, cwd = process.cwd()): Generator<CatalogInput> {
  const places: { head: Head; offset: number; length: number }[] = [];
  let header: { version?: number; salt?: string } | undefined;
  scanLines(cacheFile, (bytes, offset) => {
    if (!header) header = JSON.parse(bytes.toString('utf8')) as typeof header;
    else if (header.version === VERSION && header.salt === salt) places.push({ head: JSON.parse(bytes.toString('utf8', 0, lineParts(bytes).headEnd)) as Head, offset, length: bytes.length });
  });
  if (header?.version !== VERSION || header.salt !== salt) throw new Error(`${cacheFile} holds no catalog read under this build's code`);
  places.sort((a, b) => (a.head.slug < b.head.slug ? -1 : 1));
  const fd = openSync(cacheFile, 'r');
  try {
    for (const { head, offset, length } of places) {
      const bytes = Buffer.alloc(length);
      readSync(fd, bytes, 0, length, offset);
      const { headEnd, listingEnd } = lineParts(bytes);
      const listing = JSON.parse(bytes.toString('utf8', headEnd + 1, listingEnd)) as Listing;
      const { server, parameters } = JSON.parse(bytes.toString('utf8', listingEnd + 1)) as Body;
      const analyses = listing.tools.map(({ classification }, i) => ({ classification, parameters: parameters[i]! }));
      yield { ...relocated(server, relative(cwd, head.path) || head.path), analyses };
    }
  } finally {
    closeSync(fd);
  }
}
