import { lineLocator } from '../text/json-locate.ts';
import { scanJson, type JsonPath } from '../text/json-scan.ts';
import { DataError, issueText, type Issue } from './friendly.ts';

/** A JSON text read: its value, or where and why it is not JSON. */
export type JsonText =
  | {
      ok: true;
      value: unknown;
      /** Keys repeated within one object (JSON.parse keeps the last); listed only with `maxDepth`. */ duplicateKeys: { path: JsonPath; offset: number }[];
    }
  | { ok: false; issue: Issue };

/**
 * Where a JSON.parse error happened, from the engine's message: V8 says `at position 12` and, since
 * Node 22, `(line 2 column 5)`; Firefox says `at line 2 column 5`. Safari gives no position.
 */
export function positionFromParseError(message: string): { offset: number } | { line: number; column: number } | undefined {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return { line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
  const position = /at position (\d+)/.exec(message);
  return position ? { offset: Number(position[1]) } : undefined;
}

/** The engine's own words, without the position it appends: a safety net behind the scanner. */
function engineIssue(text: string, error: unknown): Issue {
  const message = (error as Error).message;
  const at = positionFromParseError(message);
  const position = at === undefined ? {} : 'line' in at ? at : lineLocator(text)(Math.min(at.offset, text.length));
  return { message: message.replace(/ in JSON at position \d+.*$| at line \d+ column \d+.*$/, ''), ...position };
}

/**
 * Parses a JSON text, or says in the scanner's words (the same on every engine) what is wrong and
 * at which line and column. With `maxDepth` the scanner runs first, so that too-deep nesting is
 * refused before any parser sees the text, and repeated keys are found; without it JSON.parse runs
 * alone and the scanner only reads a text that failed (a catalog's files are read at full speed).
 */
export function parseJsonText(text: string, options: { maxDepth?: number } = {}): JsonText {
  const { maxDepth } = options;
  let duplicateKeys: { path: JsonPath; offset: number }[] = [];
  if (maxDepth !== undefined) {
    const scan = scanJson(text, { maxDepth });
    if (scan.error) return { ok: false, issue: scannerIssue(text, scan.error) };
    duplicateKeys = scan.duplicateKeys;
  }
  try {
    return { ok: true, value: JSON.parse(text), duplicateKeys };
  } catch (error) {
    const problem = maxDepth === undefined ? scanJson(text, { maxDepth: Number.POSITIVE_INFINITY }).error : undefined;
    return { ok: false, issue: problem ? scannerIssue(text, problem) : engineIssue(text, error) };
  }
}

function scannerIssue(text: string, error: { message: string; hint?: string; offset: number }): Issue {
  return { message: error.message, ...(error.hint ? { hint: error.hint } : {}), ...lineLocator(text)(Math.min(error.offset, text.length)) };
}

/** `a comma before "}" at line 3, column 20`: a syntax issue with its position, for a one-line message. */
export const syntaxAt = (issue: Issue) => (issue.line === undefined ? issue.message : `${issue.message} at line ${issue.line}, column ${issue.column}`);

/** Editors on Windows may save a byte order mark; it is invisible, so it is read past and positions are counted without it. */
export const withoutByteOrderMark = (text: string) => (text.startsWith('\uFEFF') ? text.slice(1) : text);

/** The value of a data file's JSON text, or a DataError naming the file, the line and the column. */
export function parseJsonFile(text: string, file: string): unknown {
  const parsed = parseJsonText(withoutByteOrderMark(text));
  if (parsed.ok) return parsed.value;
  throw new DataError([issueText({ message: `not valid JSON: ${syntaxAt(parsed.issue)}`, hint: 'check for a trailing comma or a missing quote' }, file)]);
}
