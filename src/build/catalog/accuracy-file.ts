import { join, relative } from 'node:path';
import { ACCURACY_FILE, parseAccuracyText } from '../../core/catalog/accuracy-text.ts';
import { DataError } from '../../core/errors/friendly.ts';
import type { AccuracyFile } from '../../core/schema/accuracy.ts';
import { readDataFile } from './read-data-file.ts';

/** `<catalogDir>/accuracy.json`, or undefined when none was published; a broken file is a DataError naming it. */
export function loadAccuracyFile(catalogDir: string, cwd = process.cwd()): AccuracyFile | undefined {
  const path = join(catalogDir, ACCURACY_FILE);
  const file = relative(cwd, path) || path;
  let text: string;
  try {
    text = readDataFile(path, file);
  } catch (error) {
    if (error instanceof DataError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new DataError([`${file}: cannot read the file (${(error as Error).message})`]);
  }
  return parseAccuracyText(text, file);
}
