import { DataError, issueText, parseWithFriendlyErrors } from '../errors/friendly.ts';
import { parseJsonText, syntaxAt } from '../errors/json-text.ts';
import { AccuracyFileSchema, type AccuracyFile } from '../schema/accuracy.ts';

/** Where a catalog publishes the classifier's figures: `<catalogDir>/accuracy.json`. */
export const ACCURACY_FILE = 'accuracy.json';

/** The text of an accuracy file, parsed and checked; a broken one is a DataError naming `file`. */
export function parseAccuracyText(text: string, file: string): AccuracyFile {
  const json = parseJsonText(text);
  if (!json.ok)
    throw new DataError([
      issueText({ message: `not valid JSON (${syntaxAt(json.issue)})`, hint: 'write it again with npm run eval:classifier -- <dir> --write' }, file),
    ]);
  return parseWithFriendlyErrors(AccuracyFileSchema, json.value, file);
}
