import { regexRisk, type RegexRisk } from './regex-safety.ts';
import { searchForm } from './regex-search.ts';
import { parseRegex, type CharSet, type RegexNode } from './regex-syntax.ts';

/**
 * Patterns a backtracking engine could take too long on (`^\S+@\S+\.\S+$`, `a.*b.*c`) are common in
 * real policies, so instead of refusing them they run on a linear-time engine (RE2). The pattern is
 * rewritten from the tree regex-syntax.ts parses, so it means what JavaScript means: `.` and `\s`
 * keep their JavaScript sets, every class is spelled out (case folding under `(?i:…)` included, with
 * JavaScript's own rules), and the text is read one UTF-16 code unit at a time as JavaScript reads
 * it (see MOVED_SURROGATES). Lookarounds and back-references have no linear-time form: those
 * patterns stay unchecked.
 */

/** What a linear-time engine offers: the caller loads one (the CLI at start, the policy page on demand). */
export interface LinearRegexEngine {
  /** Throws when the engine cannot run the pattern (too large a program, say). */
  compile(pattern: string): { test(text: string): boolean };
}

let engine: LinearRegexEngine | undefined;
const listeners = new Set<() => void>();

export function useLinearRegexEngine(linear: LinearRegexEngine): void {
  engine = linear;
  for (const listener of listeners) listener();
}

export function linearRegexEngine(): LinearRegexEngine | undefined {
  return engine;
}

/** Called when an engine is set: compiled patterns cached without one must be compiled again. */
export function onLinearRegexEngine(listener: () => void): void {
  listeners.add(listener);
}

/** RE2 refuses counted repeats above this. */
const MAX_REPEAT = 1000;
const SURROGATES = [0xd800, 0xdfff] as const;
/**
 * JavaScript reads a text as UTF-16 code units, RE2 as code points: a pair would be one character to
 * RE2 and two to JavaScript, and a lone surrogate is no code point at all. So every surrogate code
 * unit, paired or not, is moved to a code point of its own in plane 16 (0x100000 + its offset), in
 * the pattern's classes and in the text alike (linearText): each JavaScript character is then one
 * RE2 character, and no text can hold those code points as they are, since plane 16 is itself
 * written with surrogates.
 */
const MOVED_SURROGATES = 0x100000;

const hex = (code: number) => `\\x{${code.toString(16)}}`;
const range = (from: number, to: number) => (from === to ? hex(from) : `${hex(from)}-${hex(to)}`);

/** A JavaScript class of UTF-16 code units as an RE2 class, surrogates moved. */
function charClass(set: CharSet): string | undefined {
  const parts: string[] = [];
  for (let i = 0; i < set.length; i += 2) {
    const [lo, hi] = [set[i]!, set[i + 1]!];
    if (lo < SURROGATES[0]) parts.push(range(lo, Math.min(hi, SURROGATES[0] - 1)));
    if (hi > SURROGATES[1]) parts.push(range(Math.max(lo, SURROGATES[1] + 1), hi));
    const [from, to] = [Math.max(lo, SURROGATES[0]), Math.min(hi, SURROGATES[1])];
    if (from <= to) parts.push(range(from - SURROGATES[0] + MOVED_SURROGATES, to - SURROGATES[0] + MOVED_SURROGATES));
  }
  // RE2 has no empty class: a pattern with `[]` has no form.
  return parts.length > 0 ? `[${parts.join('')}]` : undefined;
}

/** The text a linear form is run on: every surrogate code unit moved, as charClass moves them. */
export function linearText(text: string): string {
  // Without the u flag this reads code units: each half of a pair is replaced on its own.
  return text.replace(/[\ud800-\udfff]/g, (unit) => String.fromCodePoint(unit.charCodeAt(0) - SURROGATES[0] + MOVED_SURROGATES));
}

/** A linear form compiled on `linear`, reading texts as linearText moves them. */
export function compileLinear(linear: LinearRegexEngine, pattern: string): { test(text: string): boolean } {
  const regex = linear.compile(pattern);
  return { test: (text) => regex.test(linearText(text)) };
}

function rewrite(node: RegexNode): string | undefined {
  switch (node.kind) {
    case 'chars':
      return charClass(node.set);
    case 'seq': {
      const items = node.items.map(rewrite);
      return items.every((item) => item !== undefined) ? `(?:${items.join('')})` : undefined;
    }
    case 'alt': {
      const options = node.options.map(rewrite);
      return options.every((option) => option !== undefined) ? `(?:${options.join('|')})` : undefined;
    }
    case 'repeat': {
      const body = rewrite(node.body);
      if (body === undefined || node.min > MAX_REPEAT || (node.max !== Infinity && node.max > MAX_REPEAT)) return undefined;
      return `(?:${body}{${node.min},${node.max === Infinity ? '' : node.max}})`;
    }
    case 'empty':
      return node.assertion ?? '';
    case 'look':
    case 'backref':
      return undefined;
  }
}

/** The RE2 form of a JavaScript pattern (one that compiles, without flags), or undefined when it has none. */
export function linearForm(source: string): string | undefined {
  return rewrite(parseRegex(source));
}

/**
 * How a condition's pattern (one that compiles) runs, decided in one place for evaluation, the
 * lint and the page that loads the engine: as a RegExp when no backtracking can blow up, else on the
 * linear-time engine, else not at all (its calls are denied).
 */
export type PatternPlan = { engine: 'native'; form: string } | { engine: 'linear'; risk: RegexRisk; pattern: string } | { engine: 'none'; risk: RegexRisk };

export function planPattern(source: string): PatternPlan {
  const form = searchForm(source);
  const risk = regexRisk(form);
  if (!risk) return { engine: 'native', form };
  const pattern = linearForm(form);
  return pattern === undefined ? { engine: 'none', risk } : { engine: 'linear', risk, pattern };
}
