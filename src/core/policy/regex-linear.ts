import { regexRisk, type RegexRisk } from './regex-safety.ts';
import { searchForm } from './regex-search.ts';
import { parseRegex, type CharSet, type RegexNode } from './regex-syntax.ts';

/**
 * Patterns a backtracking engine could take too long on (`^\S+@\S+\.\S+$`, `a.*b.*c`) are common in
 * real policies, so instead of refusing them they run on a linear-time engine (RE2). The pattern is
 * rewritten from the tree regex-syntax.ts parses, so it means what JavaScript means: `.` and `\s`
 * keep their JavaScript sets and every class is spelled out. Lookarounds and back-references have
 * no linear-time form: those patterns stay unchecked.
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
const HIGH_SURROGATES = [0xd800, 0xdbff] as const;
const LOW_SURROGATES = [0xdc00, 0xdfff] as const;
const SURROGATES = [0xd800, 0xdfff] as const;

const hex = (code: number) => `\\x{${code.toString(16)}}`;

/**
 * A JavaScript class of UTF-16 code units as an RE2 class of code points. RE2 reads a surrogate pair
 * as one code point: a set holding high surrogates matches that code point instead.
 */
function charClass(set: CharSet): string | undefined {
  const parts: string[] = [];
  let astral = false;
  for (let i = 0; i < set.length; i += 2) {
    const lo = set[i]!;
    const hi = set[i + 1]!;
    if (lo <= HIGH_SURROGATES[1] && hi >= HIGH_SURROGATES[0]) astral = true;
    for (const [from, to] of [[lo, Math.min(hi, SURROGATES[0] - 1)], [Math.max(lo, SURROGATES[1] + 1), hi]] as const) {
      if (from <= to) parts.push(from === to ? hex(from) : `${hex(from)}-${hex(to)}`);
    }
  }
  if (astral) parts.push(`${hex(0x10000)}-${hex(0x10ffff)}`);
  if (parts.length > 0) return `[${parts.join('')}]`;
  // Only low surrogates: the second half of a pair, which RE2 read with the first.
  return set.length > 0 ? '' : undefined;
}

const single = (node: RegexNode, [lo, hi]: readonly [number, number]) => node.kind === 'chars' && node.set.length === 2 && node.set[0] === node.set[1] && node.set[0]! >= lo && node.set[0]! <= hi;

/** A written pair (`😀` is two code units to JavaScript) as the one code point RE2 reads. */
function pairSurrogates(items: readonly RegexNode[]): (RegexNode | string)[] {
  const out: (RegexNode | string)[] = [];
  for (let i = 0; i < items.length; i++) {
    const [high, low] = [items[i]!, items[i + 1]];
    if (low && single(high, HIGH_SURROGATES) && single(low, LOW_SURROGATES)) {
      const [h, l] = [(high as { set: CharSet }).set[0]!, (low as { set: CharSet }).set[0]!];
      out.push(hex(0x10000 + ((h - 0xd800) << 10) + (l - 0xdc00)));
      i++;
    } else out.push(high);
  }
  return out;
}

function rewrite(node: RegexNode): string | undefined {
  switch (node.kind) {
    case 'chars':
      return charClass(node.set);
    case 'seq': {
      const items = pairSurrogates(node.items).map((item) => (typeof item === 'string' ? item : rewrite(item)));
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
export type PatternPlan =
  | { engine: 'native'; form: string }
  | { engine: 'linear'; risk: RegexRisk; pattern: string }
  | { engine: 'none'; risk: RegexRisk };

export function planPattern(source: string): PatternPlan {
  const form = searchForm(source);
  const risk = regexRisk(form);
  if (!risk) return { engine: 'native', form };
  const pattern = linearForm(form);
  return pattern === undefined ? { engine: 'none', risk } : { engine: 'linear', risk, pattern };
}
