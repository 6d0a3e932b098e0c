import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataError, issueText, parseWithFriendlyErrors } from '../errors/friendly.ts';
import { parseJsonFile } from '../errors/json-text.ts';
import { ServerFileSchema, SLUG_PATTERN, SLUG_RULE, type ServerFile } from '../schema/server.ts';
import { normaliseServerFile } from './normalise.ts';
import { readDataFile } from './read-data-file.ts';
import { toolNameWarnings } from './tool-names.ts';

export interface LoadedServer {
  slug: string;
  /** Path shown in messages, relative to the working directory. */
  file: string;
  data: ServerFile;
  /** What was accepted but is odd (nulls, long texts, repeated names...), one line each naming file and JSON path. */
  warnings: string[];
}

/** A parsed data file, normalised and checked; throws a DataError naming `file` and the JSON paths. */
export function parseServerFile(json: unknown, file: string): { data: ServerFile; warnings: string[] } {
  if (isToolsListResponse(json)) {
    const hint = `move it out of the catalog, then npx policy-atlas import --file <where it went> --out ${file} writes the server file`;
    throw new DataError([issueText({ message: 'this is a tools/list response, not a server file: it has no "name"', hint }, file)]);
  }
  const notes: string[] = [];
  const data = parseWithFriendlyErrors(ServerFileSchema, normaliseServerFile(json, notes), file);
  notes.push(...toolNameWarnings(data.tools, ['tools']));
  return { data, warnings: notes.map((note) => `${file} › ${note}`) };
}

/** A saved `tools/list` result (bare, or in its JSON-RPC envelope) dropped into a catalog as it is. */
function isToolsListResponse(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || 'name' in json) return false;
  const body = 'result' in json && typeof json.result === 'object' && json.result !== null ? json.result : json;
  return 'tools' in body && Array.isArray(body.tools);
}

/** Reads and validates one data file; throws a DataError naming the file and JSON paths. */
export function loadServerFile(path: string, cwd = process.cwd()): LoadedServer {
  const file = relative(cwd, path) || path;
  const slug = path.split(/[\\/]/).pop()!.replace(/\.json$/, '');
  if (!SLUG_PATTERN.test(slug)) {
    throw new DataError([issueText({ message: `the file name must be the server slug: ${SLUG_RULE}`, hint: 'rename it' }, file)]);
  }
  let text: string;
  try {
    text = readDataFile(path, file);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError([`${file}: cannot read the file (${(error as Error).message})`]);
  }
  const { data, warnings } = parseServerFile(parseJsonFile(text, file), file);
  if (data.slug !== undefined && data.slug !== slug) {
    throw new DataError([issueText({ path: ['slug'], message: `"${data.slug}" differs from the file name "${slug}"`, hint: 'rename the file or remove "slug"' }, file)]);
  }
  return { slug, file, data, warnings };
}

/** The data files of a catalog, `<catalogDir>/servers/*.json`, as full paths in name order. */
export function catalogFiles(catalogDir: string, cwd = process.cwd()): string[] {
  const dir = join(catalogDir, 'servers');
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    return readdirSync(dir).filter((n) => n.endsWith('.json')).sort().map((name) => join(dir, name));
  } catch {
    throw new DataError([`${relative(cwd, dir) || dir}: no such directory (hint: a catalog holds servers/<server-slug>.json files)`]);
  }
}

/** Runs `load` over every file, collecting every file's problems before failing. */
export function loadEach<T>(paths: readonly string[], load: (path: string) => T): T[] {
  const loaded: T[] = [];
  const problems: string[] = [];
  for (const path of paths) {
    try {
      loaded.push(load(path));
    } catch (error) {
      if (error instanceof DataError) problems.push(...error.lines);
      else throw error;
    }
  }
  if (problems.length > 0) throw new DataError(problems);
  return loaded;
}

/** Loads `<catalogDir>/servers/*.json`, collecting every file's problems before failing; warnings stay with each server. */
export function loadCatalogDir(catalogDir: string, cwd = process.cwd()): LoadedServer[] {
  return loadEach(catalogFiles(catalogDir, cwd), (path) => loadServerFile(path, cwd));
}
