import { join, relative } from 'node:path';
import { DataError, issueText, parseWithFriendlyErrors } from '../errors/friendly.ts';
import { parseJsonText, syntaxAt } from '../errors/json-text.ts';
import { readDataFile } from './read-data-file.ts';
import { AccuracyFileSchema, type AccuracyFile } from '../schema/accuracy.ts';

export const ACCURACY_FILE = 'accuracy.json';

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
  const json = parseJsonText(text);
  if (!json.ok) throw new DataError([issueText({ message: `not valid JSON (${syntaxAt(json.issue)})`, hint: 'write it again with npm run eval:classifier -- <dir> --write' }, file)]);
  return parseWithFriendlyErrors(AccuracyFileSchema, json.value, file);
}
