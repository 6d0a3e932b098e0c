import { parse, TomlError } from 'smol-toml';
import { DataError, issueText } from './friendly.ts';
import { withoutByteOrderMark } from './json-text.ts';

/** A TOML file's data; a DataError naming the file, line and column when it is not TOML. */
export function parseTomlFile(text: string, file: string): Record<string, unknown> {
  try {
    return parse(withoutByteOrderMark(text));
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    // smol-toml's message quotes the offending line, which may hold a credential: keep its first line only.
    const what = error.message.split('\n')[0]!.replace(/^Invalid TOML document: /, '');
    throw new DataError([issueText({ message: `not valid TOML: ${what} at line ${error.line}, column ${error.column}` }, file)]);
  }
}
