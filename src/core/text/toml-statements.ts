/**
 * The statements of a TOML file (table headers and key = value lines) with where each one starts
 * and ends, so an edit can take out or add statements and keep every other byte (comments, blank
 * lines, layout) as it was. A TOML library parses values but drops that layout; this reads only
 * enough of each value to know where it ends.
 */

interface Located {
  /** Offset of the statement's first line (its indentation included). */
  start: number;
  /** Offset just past the statement's last line: its comment and line break included. */
  end: number;
}

export type TomlStatement =
  (Located & { kind: 'table'; path: string[]; array: boolean }) | (Located & { kind: 'key'; path: string[]; table: string[]; inArray: boolean });

/** The full key path of a statement: a key's table path and its own dotted path. */
export const fullPath = (statement: TomlStatement): string[] => (statement.kind === 'table' ? statement.path : [...statement.table, ...statement.path]);

export class TomlScanError extends Error {
  readonly offset: number;
  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }
}

const BARE_KEY = /[A-Za-z0-9_-]/;
const ESCAPES: Record<string, string> = { b: '\b', t: '\t', n: '\n', f: '\f', r: '\r', e: '\x1b', '"': '"', '\\': '\\' };
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The statements of `text`, a TOML document (a byte order mark is skipped). Throws TomlScanError where it is not TOML. */
export function scanTomlStatements(text: string): TomlStatement[] {
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  const statements: TomlStatement[] = [];
  let table: string[] = [];
  let inArray = false;
  const fail = (message: string): never => {
    throw new TomlScanError(i, message);
  };
  const skipSpaces = () => {
    while (text[i] === ' ' || text[i] === '\t') i += 1;
  };
  const atLineBreak = () => text[i] === '\n' || text.startsWith('\r\n', i);
  const skipComment = () => {
    if (text[i] !== '#') return;
    while (i < text.length && !atLineBreak()) i += 1;
  };
  // Inside arrays (and TOML 1.1 inline tables): spaces, line breaks and comments.
  const skipBlank = () => {
    for (;;) {
      skipSpaces();
      if (text[i] === '#') skipComment();
      else if (atLineBreak()) i += text[i] === '\r' ? 2 : 1;
      else return;
    }
  };
  const endOfLine = () => {
    skipSpaces();
    skipComment();
    if (i === text.length) return;
    if (!atLineBreak()) fail('expected the end of the line');
    i += text[i] === '\r' ? 2 : 1;
  };

  const readBasicString = (): string => {
    i += 1;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined || c === '\n') return fail('unterminated string');
      if (c === '"') {
        i += 1;
        return value;
      }
      if (c !== '\\') {
        value += c;
        i += 1;
        continue;
      }
      const escape = text[i + 1] ?? '';
      const digits = escape === 'u' ? 4 : escape === 'U' ? 8 : escape === 'x' ? 2 : 0;
      if (digits > 0) {
        const hex = text.slice(i + 2, i + 2 + digits);
        if (!/^[0-9A-Fa-f]+$/.test(hex) || hex.length !== digits) fail('bad escape');
        value += String.fromCodePoint(Number.parseInt(hex, 16));
        i += 2 + digits;
      } else if (Object.hasOwn(ESCAPES, escape)) {
        value += ESCAPES[escape];
        i += 2;
      } else fail('bad escape');
    }
  };
  const readLiteralString = (): string => {
    const close = text.indexOf("'", i + 1);
    const newline = text.indexOf('\n', i + 1);
    if (close < 0 || (newline >= 0 && newline < close)) fail('unterminated string');
    const value = text.slice(i + 1, close);
    i = close + 1;
    return value;
  };
  const readKey = (): string[] => {
    const parts: string[] = [];
    for (;;) {
      skipSpaces();
      if (text[i] === '"') parts.push(readBasicString());
      else if (text[i] === "'") parts.push(readLiteralString());
      else {
        const from = i;
        while (i < text.length && BARE_KEY.test(text[i]!)) i += 1;
        if (i === from) fail('expected a key');
        parts.push(text.slice(from, i));
      }
      skipSpaces();
      if (text[i] !== '.') return parts;
      i += 1;
    }
  };

  const skipMultilineString = (quote: string) => {
    const fence = quote.repeat(3);
    i += 3;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      if (quote === '"' && text[i] === '\\') i += 2;
      else if (text.startsWith(fence, i)) {
        i += 3;
        // Up to two more quotes belong to the string: """a"""" is a" .
        for (let extra = 0; extra < 2 && text[i] === quote; extra += 1) i += 1;
        return;
      } else i += 1;
    }
  };
  const skipValue = (): void => {
    const c = text[i];
    if (text.startsWith('"""', i) || text.startsWith("'''", i)) return skipMultilineString(c!);
    if (c === '"') return void readBasicString();
    if (c === "'") return void readLiteralString();
    if (c === '[') {
      i += 1;
      for (;;) {
        skipBlank();
        if (text[i] === ']') return void (i += 1);
        if (i >= text.length) fail('unterminated array');
        skipValue();
        skipBlank();
        if (text[i] === ',') i += 1;
        else if (text[i] !== ']') fail('expected , or ] in an array');
      }
    }
    if (c === '{') {
      i += 1;
      for (;;) {
        skipBlank();
        if (text[i] === '}') return void (i += 1);
        if (i >= text.length) fail('unterminated inline table');
        readKey();
        if (text[i] !== '=') fail('expected =');
        i += 1;
        skipSpaces();
        skipValue();
        skipBlank();
        if (text[i] === ',') i += 1;
        else if (text[i] !== '}') fail('expected , or } in an inline table');
      }
    }
    // A number, boolean or date; a date and a time may be separated by a space.
    const from = i;
    while (i < text.length && !/[\s#,\]}]/.test(text[i]!)) i += 1;
    if (i === from) fail('expected a value');
    if (LOCAL_DATE.test(text.slice(from, i)) && text[i] === ' ' && /^\d{2}:/.test(text.slice(i + 1, i + 4))) {
      i += 1;
      while (i < text.length && !/[\s#,\]}]/.test(text[i]!)) i += 1;
    }
  };

  while (i < text.length) {
    const start = i;
    skipSpaces();
    if (i === text.length) break;
    if (text[i] === '#' || atLineBreak()) {
      endOfLine();
      continue;
    }
    if (text[i] === '[') {
      const array = text[i + 1] === '[';
      i += array ? 2 : 1;
      const path = readKey();
      if (!text.startsWith(array ? ']]' : ']', i)) fail(`expected ${array ? ']]' : ']'} after a table name`);
      i += array ? 2 : 1;
      endOfLine();
      statements.push({ kind: 'table', path, array, start, end: i });
      table = path;
      inArray = array;
      continue;
    }
    const path = readKey();
    if (text[i] !== '=') fail('expected = after a key');
    i += 1;
    skipSpaces();
    skipValue();
    endOfLine();
    statements.push({ kind: 'key', path, table, inArray, start, end: i });
  }
  return statements;
}
