/**
 * A strict JSON scanner that knows where it is: the path of every value and its offset in the text.
 * It runs before JSON.parse so that too-deep nesting is refused without recursion, and so that syntax
 * errors read the same in every browser (each engine words JSON.parse errors its own way).
 */

export type JsonPath = (string | number)[];

export interface JsonScanError {
  message: string;
  hint?: string;
  offset: number;
}

export interface JsonScanResult {
  error?: JsonScanError;
  /** Object keys that repeat within one object (JSON.parse silently keeps the last). */
  duplicateKeys: { path: JsonPath; offset: number }[];
}

export interface JsonScanOptions {
  maxDepth: number;
  /** Called at each value with its path (live; copy it to keep it) and where it sits: its key for a property, else itself. */
  onValue?: (path: readonly (string | number)[], offset: number) => void;
}

const QUOTE = 0x22;
const isWhitespace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

function skipWhitespace(text: string, i: number): number {
  while (i < text.length && isWhitespace(text.charCodeAt(i))) i++;
  return i;
}

/** What sits at `i`, for "got …" in messages. */
function shown(text: string, i: number): string {
  if (i >= text.length) return 'the end of the text';
  // A string is shown as written ("default"), which says more than a lone quote would.
  const string = /^"(?:[^"\\\n]|\\.){0,40}"/.exec(text.slice(i, i + 84))?.[0];
  if (string) return string;
  const word = /^[A-Za-z_$][\w$]*/.exec(text.slice(i, i + 40))?.[0];
  return JSON.stringify(word ?? text[i]);
}

/** The offset after the string that starts at `i` (a quote), or an error. */
function scanString(text: string, i: number): number | JsonScanError {
  for (let j = i + 1; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (c === QUOTE) return j + 1;
    if (c < 0x20) return { message: 'a line break or control character inside a string', hint: 'close the quote, or write a line break as \\n', offset: j };
    if (c === 0x5c) {
      const escape = text[j + 1];
      if (escape === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) j += 5;
      else if (escape !== undefined && '"\\/bfnrt'.includes(escape)) j++;
      else return { message: `invalid escape "\\${escape ?? ''}" in a string`, hint: 'write a backslash as \\\\', offset: j };
    }
  }
  return { message: 'a string that never ends', hint: 'add the closing double quote', offset: i };
}

/** The offset after the number, true, false or null at `i`, or -1. */
function scanScalar(text: string, i: number): number {
  for (const literal of ['true', 'false', 'null']) if (text.startsWith(literal, i)) return i + literal.length;
  let j = i;
  if (text.charCodeAt(j) === 0x2d) j++;
  if (text.charCodeAt(j) === 0x30) j++;
  else if (isDigit(text.charCodeAt(j))) while (isDigit(text.charCodeAt(j))) j++;
  else return -1;
  if (text.charCodeAt(j) === 0x2e) {
    if (!isDigit(text.charCodeAt(++j))) return -1;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  if (text[j] === 'e' || text[j] === 'E') {
    j++;
    if (text[j] === '+' || text[j] === '-') j++;
    if (!isDigit(text.charCodeAt(j))) return -1;
    while (isDigit(text.charCodeAt(j))) j++;
  }
  return j;
}

/** Scans `text` once, iteratively (a stack of open containers, no recursion), stopping at the first error. */
export function scanJson(text: string, options: JsonScanOptions): JsonScanResult {
  const { maxDepth, onValue } = options;
  const closers: number[] = [];
  const path: (string | number)[] = [];
  const keySets: Set<string>[] = [];
  const duplicateKeys: JsonScanResult['duplicateKeys'] = [];
  const fail = (error: JsonScanError): JsonScanResult => ({ error, duplicateKeys });

  // Reads `"key" :` at i into the path; returns the offset of the value or an error.
  const readKey = (i: number): number | JsonScanError => {
    if (text.charCodeAt(i) !== QUOTE) return { message: `expected a property name in double quotes, got ${shown(text, i)}`, offset: i };
    const end = scanString(text, i);
    if (typeof end !== 'number') return end;
    const raw = text.slice(i + 1, end - 1);
    const key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
    const keys = keySets[keySets.length - 1]!;
    if (keys.has(key)) duplicateKeys.push({ path: [...path.slice(0, -1), key], offset: i });
    keys.add(key);
    path[path.length - 1] = key;
    const colon = skipWhitespace(text, end);
    if (text[colon] !== ':') return { message: `expected ":" after the property name, got ${shown(text, colon)}`, offset: colon };
    onValue?.(path, i);
    return skipWhitespace(text, colon + 1);
  };

  let i = skipWhitespace(text, 0);
  if (i >= text.length) return fail({ message: 'the text is empty', hint: 'a policy is a JSON object such as {"version": "1", "default": "deny"}', offset: i });
  onValue?.(path, i);
  for (;;) {
    // A value starts at i (onValue has been told about it).
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      const closer = c + 2; // '}' and ']' follow '{' and '[' by two code points
      const first = skipWhitespace(text, i + 1);
      if (text.charCodeAt(first) === closer) {
        i = first + 1;
      } else {
        if (closers.length >= maxDepth) {
          return fail({
            message: `nesting deeper than ${maxDepth} levels`,
            hint: 'a policy needs a handful of levels; check that this is a policy file',
            offset: i,
          });
        }
        closers.push(closer);
        if (c === 0x7b) {
          keySets.push(new Set());
          path.push('');
          const next = readKey(first);
          if (typeof next !== 'number') return fail(next);
          i = next;
        } else {
          path.push(0);
          onValue?.(path, first);
          i = first;
        }
        if (i >= text.length) return fail({ message: 'the text ends before the JSON is complete', hint: 'check for a missing } or ]', offset: i });
        continue;
      }
    } else if (c === QUOTE) {
      const end = scanString(text, i);
      if (typeof end !== 'number') return fail(end);
      i = end;
    } else {
      const end = scanScalar(text, i);
      if (end < 0) {
        const hint = text[i] === "'" ? 'JSON strings use double quotes' : /[A-Za-z_$]/.test(text[i] ?? '') ? 'put text in double quotes' : undefined;
        return fail({ message: i >= text.length ? 'the text ends where a value should be' : `expected a value, got ${shown(text, i)}`, hint, offset: i });
      }
      i = end;
    }
    // After a value: close containers until a comma leads to the next value.
    for (;;) {
      i = skipWhitespace(text, i);
      const closer = closers[closers.length - 1];
      if (closer === undefined) {
        if (i < text.length)
          return fail({ message: `unexpected ${shown(text, i)} after the end of the JSON value`, hint: 'a policy is one JSON object', offset: i });
        return { duplicateKeys };
      }
      const inObject = closer === 0x7d;
      const ch = text.charCodeAt(i);
      if (ch === closer) {
        closers.pop();
        path.pop();
        if (inObject) keySets.pop();
        i++;
        continue;
      }
      if (ch !== 0x2c) {
        if (i >= text.length)
          return fail({ message: 'the text ends before the JSON is complete', hint: `check for a missing ${inObject ? '}' : ']'}`, offset: i });
        const after = inObject ? 'a property value' : 'an array element';
        return fail({
          message: `expected "," or "${inObject ? '}' : ']'}" after ${after}, got ${shown(text, i)}`,
          hint: 'check for a missing comma',
          offset: i,
        });
      }
      const next = skipWhitespace(text, i + 1);
      if (text.charCodeAt(next) === closer) {
        return fail({ message: `a comma before "${inObject ? '}' : ']'}"`, hint: 'remove the trailing comma; JSON allows none', offset: i });
      }
      if (inObject) {
        const value = readKey(next);
        if (typeof value !== 'number') return fail(value);
        i = value;
      } else {
        path[path.length - 1] = (path[path.length - 1] as number) + 1;
        onValue?.(path, next);
        i = next;
      }
      break;
    }
  }
}
