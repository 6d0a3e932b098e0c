import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataError } from '../../core/errors/friendly.ts';
import { serverFromText, slugOfPath, type LoadedServer } from '../../core/catalog/server-file.ts';
import { readDataFile } from './read-data-file.ts';

/** Reads and validates one data file; throws a DataError naming the file and JSON paths. */
export function loadServerFile(path: string, cwd = process.cwd()): LoadedServer {
  const file = relative(cwd, path) || path;
  const slug = slugOfPath(path, file);
  let text: string;
  try {
    text = readDataFile(path, file);
  } catch (error) {
    if (error instanceof DataError) throw error;
    throw new DataError([`${file}: cannot read the file (${(error as Error).message})`]);
  }
  return serverFromText(text, slug, file);
}

/** The data files of a catalog, `<catalogDir>/servers/*.json`, as full paths in name order. */
export function catalogFiles(catalogDir: string, cwd = process.cwd()): string[] {
  const dir = join(catalogDir, 'servers');
  try {
    if (!statSync(dir).isDirectory()) throw new Error('not a directory');
    return readdirSync(dir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((name) => join(dir, name));
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
