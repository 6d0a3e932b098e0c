import { closeSync, existsSync, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import type { ListedInput, ListedTool } from '../../core/catalog/build-catalog.ts';
import type { LoadedServer } from '../../core/catalog/server-file.ts';
import type { Parameter } from '../../core/input-schema/parameters.ts';

/**
 * The catalog cache's format, and its one reader (`readCache`). The file is a header line, then one
 * line per server: a head, a tab, a listing, a tab, a body (see Head). Lines are written by
 * catalog-cache.ts; everything that reads them goes through `readCache` and `parseLine`.
 */
const VERSION = 5;
const TAB = 9;
const NEWLINE = 10;
const CLOSING_BRACE = 0x7d;

/** The first line: what wrote the cache. A cache of another version or fingerprint is none. */
interface Header {
  version: number;
  /** Of the code and configuration that read the catalog (a change there redoes everything). */
  fingerprint: string;
}

export const headerLine = (fingerprint: string) => `${JSON.stringify({ version: VERSION, fingerprint } satisfies Header)}\n`;

/**
 * What identifies a data file's state on disk, and what a build says of it without the rest. A line
 * of the cache is this head, a tab, what listings show (`Listing`), a tab, and the rest (`Body`):
 * JSON never holds a raw tab, and a file that did not change is written back as the bytes it was
 * read as. The pages parse heads and listings, and a server's body only to render its own pages.
 */
export interface Head {
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
  /** As the writer named the file, and its warnings in those words. */
  file: string;
  warnings: string[];
  /** Of the listing and body as written: part of the server's build key. */
  digest: string;
}

/** What tables and listings show of the server: everything but definitions and parameters. */
export interface Listing {
  meta: ListedInput['meta'];
  tools: ListedTool[];
}

/** One data file as read and checked, with its tools' parameters (their classifications are in the listing). */
export interface Body {
  server: LoadedServer;
  parameters: Parameter[][];
}

/** Where bytes sit in the cache file. */
export interface Place {
  offset: number;
  length: number;
}

/** A line's three parts, found at its tabs and parsed when asked; a torn line throws. */
export interface ParsedLine {
  head(): Head;
  listing(): Listing;
  body(): Body;
  /** Where the body starts within the line. */
  bodyStart: number;
}

/** A server's line, checked whole: a line cut short (a torn write) throws. */
export function parseLine(bytes: Buffer): ParsedLine {
  const headEnd = bytes.indexOf(TAB);
  const listingEnd = headEnd < 0 ? -1 : bytes.indexOf(TAB, headEnd + 1);
  if (listingEnd < 0 || bytes[bytes.length - 1] !== CLOSING_BRACE) throw new Error('torn line');
  return {
    head: () => JSON.parse(bytes.toString('utf8', 0, headEnd)) as Head,
    listing: () => JSON.parse(bytes.toString('utf8', headEnd + 1, listingEnd)) as Listing,
    body: () => parseBody(bytes.subarray(listingEnd + 1)),
    bodyStart: listingEnd + 1,
  };
}

export const parseBody = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as Body;

/** A server's line as `readCache` gives it. */
export interface CacheLine extends ParsedLine {
  /** The line's bytes: valid only until the next line is read (the chunk is read into again). */
  bytes: Buffer;
  /** Where the line sits in the file, to read it again (`readAt`). */
  place: Place;
}

/**
 * The one reader of the cache: its servers' lines in the file's order, each checked whole. Throws
 * when the file holds no cache written by this code under `fingerprint` (missing, empty, foreign,
 * older) and at a torn line; the lines before it have been given by then.
 */
export function* readCache(cacheFile: string, fingerprint: string): Generator<CacheLine> {
  let checked = false;
  for (const { bytes, offset } of scanLines(cacheFile)) {
    if (!checked) {
      if (!isOwnHeader(bytes, fingerprint)) break;
      checked = true;
      continue;
    }
    yield { ...parseLine(bytes), bytes, place: { offset, length: bytes.length } };
  }
  if (!checked) throw new Error(`${cacheFile} holds no catalog read under this build's code`);
}

function isOwnHeader(bytes: Buffer, fingerprint: string): boolean {
  try {
    const header = JSON.parse(bytes.toString('utf8')) as Partial<Header>;
    return header.version === VERSION && header.fingerprint === fingerprint;
  } catch {
    return false;
  }
}

/** The bytes at `place` of an open file. */
export function readAt(fd: number, place: Place): Buffer {
  const bytes = Buffer.alloc(place.length);
  readSync(fd, bytes, 0, place.length, place.offset);
  return bytes;
}

/** Each line of the file with its byte offset; `bytes` is valid only until the next (the chunk is read into again). */
function* scanLines(path: string): Generator<{ bytes: Buffer; offset: number }> {
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
        if (end > start) yield { bytes: bytes.subarray(start, end), offset: restOffset + start };
        start = end + 1;
      }
      rest = Buffer.from(bytes.subarray(start));
      restOffset += start;
    }
    if (rest.length > 0) yield { bytes: rest, offset: restOffset };
  } finally {
    closeSync(fd);
  }
}

/** Lines, each ended by a newline, into `file` (a batch of the cache: no header). */
export function writeLines(file: string, lines: readonly Buffer[]): void {
  const fd = openSync(file, 'w');
  try {
    for (const bytes of lines) {
      writeSync(fd, bytes);
      writeSync(fd, '\n');
    }
  } finally {
    closeSync(fd);
  }
}
