import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { DataError, parseWithFriendlyErrors } from '../errors/friendly.ts';
import { AccuracyFileSchema, type AccuracyFile } from '../schema/accuracy.ts';

export const ACCURACY_FILE = 'accuracy.json';

/** `<catalogDir>/accuracy.json`, or undefined when none was published; a broken file is a DataError naming it. */
export function loadAccuracyFile(catalogDir: string, cwd = process.cwd()): AccuracyFile | undefined {
  const path = join(catalogDir, ACCURACY_FILE);
  const file = relative(cwd, path) || path;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataError([`${file}: cannot read the file (${(error as Error).message})`]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new DataError([`${file}: not valid JSON (${(error as Error).message}) (hint: write it again with npm run eval:classifier -- <dir> --write)`]);
  }
  return parseWithFriendlyErrors(AccuracyFileSchema, json, file);
}
