import { caseVariants, type CharSet } from './regex-case.ts';

/**
 * A regular expression (JavaScript syntax, no flags, as policy conditions compile it) as a tree of
 * character sets, sequences, alternatives and repeats: the shape regex-safety.ts checks. Only what
 * decides how a backtracking engine can match is kept; captures and laziness are dropped.
 */

export type { CharSet };

export type RegexNode =
  | { kind: 'chars'; set: CharSet }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; options: RegexNode[] }
  | { kind: 'repeat'; body: RegexNode; min: number; max: number }
  /** A lookaround: zero-width here, but its body runs at every position it is tried. */
  | { kind: 'look'; body: RegexNode }
  /** `^`, `$`, `\b`, `\B` (which `assertion` keeps), or nothing: zero-width; the check assumes it passes (which only adds ways to match). */
  | { kind: 'empty'; assertion?: '^' | '$' | '\\b' | '\\B' }
  /** `\1`, `\k<name>`: some earlier text, so assumed to be any text. */
  | { kind: 'backref' };

const MAX_CODE = 0xffff;
export const ANY: CharSet = [0, MAX_CODE];
const DIGIT: CharSet = [0x30, 0x39];
const WORD: CharSet = [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
const SPACE: CharSet = [
  0x09, 0x0d, 0x20, 0x20, 0xa0, 0xa0, 0x1680, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x202f, 0x205f, 0x205f, 0x3000, 0x3000, 0xfeff, 0xfeff,
];
const LINE_TERMINATORS: CharSet = [0x0a, 0x0a, 0x0d, 0x0d, 0x2028, 0x2029];
const CONTROL_ESCAPES: Record<string, number> = { n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, f: 0x0c };

export function union(...sets: CharSet[]): CharSet {
  const ranges = sets.flatMap((set) => Array.from({ length: set.length / 2 }, (_, i) => [set[2 * i]!, set[2 * i + 1]!] as const)).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of ranges) {
    if (out.length > 0 && lo <= out[out.length - 1]! + 1) out[out.length - 1] = Math.max(out[out.length - 1]!, hi);
    else out.push(lo, hi);
  }
  return out;
}

export function complement(set: CharSet): CharSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i]! > next) out.push(next, set[i]! - 1);
    next = set[i + 1]! + 1;
  }
  if (next <= MAX_CODE) out.push(next, MAX_CODE);
  return out;
}

export function overlaps(a: CharSet, b: CharSet): boolean {
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i + 1]! < b[j]!) i += 2;
    else if (b[j + 1]! < a[i]!) j += 2;
    else return true;
  }
  return false;
}

/** With the `i` modifier a set also matches every code unit that canonicalizes like one of its members. */
const foldCase = (set: CharSet): CharSet => union(set, caseVariants(set));

const single = (code: number): CharSet => [code, code];

/** Parses `source`, which must already compile as `new RegExp(source)`. */
export function parseRegex(source: string): RegexNode {
  let at = 0;
  const ignoreCase: boolean[] = [false];
  const peek = (offset = 0) => source[at + offset];
  const folds = () => ignoreCase[ignoreCase.length - 1]!;
  const chars = (set: CharSet): RegexNode => ({ kind: 'chars', set: folds() ? foldCase(set) : set });

  function alternation(): RegexNode {
    const options = [sequence()];
    while (peek() === '|') {
      at++;
      options.push(sequence());
    }
    return options.length === 1 ? options[0]! : { kind: 'alt', options };
  }

  function sequence(): RegexNode {
    const items: RegexNode[] = [];
    while (at < source.length && peek() !== '|' && peek() !== ')') {
      const atom = term();
      const bounds = quantifier();
      items.push(bounds ? { kind: 'repeat', body: atom, ...bounds } : atom);
    }
    return items.length === 1 ? items[0]! : { kind: 'seq', items };
  }

  function quantifier(): { min: number; max: number } | undefined {
    let bounds: { min: number; max: number } | undefined;
    const char = peek();
    if (char === '*') bounds = { min: 0, max: Infinity };
    else if (char === '+') bounds = { min: 1, max: Infinity };
    else if (char === '?') bounds = { min: 0, max: 1 };
    else if (char === '{') {
      // `{` that is not a well-formed quantifier is a literal (Annex B).
      const match = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(at, at + 24));
      if (!match) return undefined;
      const min = Number(match[1]);
      bounds = { min, max: match[2] === undefined ? min : match[3] ? Number(match[3]) : Infinity };
      at += match[0].length - 1;
    } else return undefined;
    at++;
    if (peek() === '?') at++; // lazy: the same paths, tried in another order
    return bounds;
  }

  function term(): RegexNode {
    const char = source[at++]!;
    switch (char) {
      case '(':
        return group();
      case '[':
        return charClass();
      case '.':
        return chars(complement(LINE_TERMINATORS));
      case '^':
      case '$':
        return { kind: 'empty', assertion: char };
      case '\\':
        return escape();
      default:
        return chars(single(char.charCodeAt(0)));
    }
  }

  function group(): RegexNode {
    let look = false;
    let modifiers: string | undefined;
    if (peek() === '?') {
      const head = /^\?(?:(<?[=!])|<[^>]*>|([a-z]*(?:-[a-z]*)?):)/.exec(source.slice(at, at + 64));
      if (head) {
        at += head[0].length;
        look = head[1] !== undefined;
        modifiers = head[2];
      }
    }
    if (modifiers !== undefined) {
      const [on = '', off = ''] = modifiers.split('-');
      ignoreCase.push(on.includes('i') || (ignoreCase[ignoreCase.length - 1]! && !off.includes('i')));
    }
    const body = alternation();
    if (modifiers !== undefined) ignoreCase.pop();
    at++; // the closing parenthesis
    return look ? { kind: 'look', body } : body;
  }

  /** The set an escape outside or inside a class stands for; `inClass` makes `\b` a backspace. */
  function escapeSet(inClass: boolean): CharSet | 'assertion' | 'backref' {
    const char = source[at++] ?? '\\';
    const classes: Record<string, CharSet> = { d: DIGIT, D: complement(DIGIT), w: WORD, W: complement(WORD), s: SPACE, S: complement(SPACE) };
    if (classes[char]) return classes[char]!;
    if (char === 'b') return inClass ? single(0x08) : 'assertion';
    if (char === 'B' && !inClass) return 'assertion';
    if (char in CONTROL_ESCAPES) return single(CONTROL_ESCAPES[char]!);
    if (/[1-9]/.test(char) && !inClass) return 'backref';
    if (char === 'k' && !inClass && peek() === '<') {
      at = source.indexOf('>', at) + 1 || source.length;
      return 'backref';
    }
    const hex = char === 'x' ? /^[0-9a-fA-F]{2}/.exec(source.slice(at, at + 2)) : char === 'u' ? /^[0-9a-fA-F]{4}/.exec(source.slice(at, at + 4)) : null;
    if (hex) {
      at += hex[0].length;
      return single(parseInt(hex[0], 16));
    }
    if (char === 'c' && /[A-Za-z]/.test(peek() ?? '')) return single(source.charCodeAt(at++) % 32);
    if (/[0-7]/.test(char)) {
      // Octal (Annex B): up to three digits, at most \377.
      const octal = /^[0-7]{0,2}/.exec(source.slice(at, at + 2))![0];
      const value = parseInt(char + octal, 8);
      const digits = value > 0o377 ? octal.slice(0, -1) : octal;
      at += digits.length;
      return single(parseInt(char + digits, 8));
    }
    return single(char.charCodeAt(0));
  }

  function escape(): RegexNode {
    const set = escapeSet(false);
    if (set === 'assertion') return { kind: 'empty', assertion: source[at - 1] === 'b' ? '\\b' : '\\B' };
    if (set === 'backref') return { kind: 'backref' };
    return chars(set);
  }

  /** A class under `i` is folded before `^` inverts it: `(?i:[^a])` matches neither a nor A. */
  function charClass(): RegexNode {
    const negated = peek() === '^';
    if (negated) at++;
    const parts: CharSet[] = [];
    while (at < source.length && peek() !== ']') {
      const from = classAtom();
      if (peek() === '-' && peek(1) !== ']' && peek(1) !== undefined) {
        at++;
        const to = classAtom();
        // A range needs two single characters; `[\d-x]` is a class, a dash and x (Annex B).
        if (from.length === 2 && from[0] === from[1] && to.length === 2 && to[0] === to[1]) parts.push([from[0]!, to[0]!]);
        else parts.push(from, single(0x2d), to);
      } else parts.push(from);
    }
    at++; // the closing bracket
    const set = union(...parts);
    // Folding keeps whole groups of alike code units, so its complement needs no folding of its own.
    return negated ? { kind: 'chars', set: complement(folds() ? foldCase(set) : set) } : chars(set);
  }

  function classAtom(): CharSet {
    const char = source[at++]!;
    if (char !== '\\') return single(char.charCodeAt(0));
    const set = escapeSet(true);
    return typeof set === 'string' ? single(source.charCodeAt(at - 1)) : set;
  }

  return alternation();
}
