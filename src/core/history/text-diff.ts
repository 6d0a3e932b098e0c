import { diffWords } from 'diff';
import { showInvisible } from '../classify/suspicious.ts';

/** A run of text that both versions share, or that one of them added or removed. */
export interface TextPart {
  text: string;
  change?: 'added' | 'removed';
}

// Past these, a word diff costs more than it tells (real descriptions stay under 15,000 characters):
// the texts are shown as one removed and one added part. The edit cap keeps the cost linear-ish
// and, unlike a timeout, gives the same answer on every machine.
const MAX_DIFFED_CHARS = 20_000;
const MAX_EDIT_LENGTH = 500;

const whole = (before: string, after: string): TextPart[] => [
  ...(before ? [{ text: before, change: 'removed' as const }] : []),
  ...(after ? [{ text: after, change: 'added' as const }] : []),
];

/**
 * The characters word diffs may still read. A page, a feed and a `check` run each get one, so no data
 * file can make them slow (a 24 MB file once took 48 s per tool page): past it, texts are shown
 * removed and added whole, as past MAX_DIFFED_CHARS. Real changes take a few thousand characters.
 */
export class DiffBudget {
  #left: number;

  constructor(chars: number) {
    this.#left = chars;
  }

  /** Whether `chars` more fit; if so they are spent. */
  take(chars: number): boolean {
    if (chars > this.#left) return false;
    this.#left -= chars;
    return true;
  }
}

/**
 * Characters per page (five changes of one tool), per feed (a hundred changes) and per `check` run.
 * A word diff costs up to ~3 µs per character (short words, MAX_EDIT_LENGTH edits): at most about
 * 0.3 s a page and 0.8 s a feed; a real change reads a few thousand characters.
 */
export const DIFF_BUDGET = { page: 100_000, feed: 250_000, check: 250_000 } as const;

/** Word-level diff of two texts (jsdiff's diffWords); an absent text reads as empty. */
export function wordDiff(before = '', after = '', budget?: DiffBudget): TextPart[] {
  if (before === after) return before ? [{ text: before }] : [];
  const changes =
    before.length <= MAX_DIFFED_CHARS && after.length <= MAX_DIFFED_CHARS && (budget?.take(before.length + after.length) ?? true)
      ? diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH })
      : undefined;
  if (!changes) return whole(before, after);
  return changes.map((c) => (c.added ? { text: c.value, change: 'added' } : c.removed ? { text: c.value, change: 'removed' } : { text: c.value }));
}

// A code point takes at most two UTF-16 units: the ends of a text are read from slices that size,
// so a 24 MB text costs no more to show than a short one. A pair split by a slice falls past `max`.
/** The first `max` code points of `text` (never half a surrogate pair). */
function cut(text: string, max: number): string {
  const sliced = text.length > 2 * max;
  const points = Array.from(sliced ? text.slice(0, 2 * max) : text);
  return points.length <= max && !sliced ? text : points.slice(0, max).join('');
}
const tail = (text: string, max: number) =>
  Array.from(text.length > 2 * max ? text.slice(-2 * max) : text)
    .slice(-max)
    .join('');
const longerThan = (text: string, max: number) => text.length > max && Array.from(text.slice(0, 2 * (max + 1))).length > max;

export interface ShownOptions {
  /** Unchanged characters kept on each side of a change. */
  context?: number;
  /** Characters shown in all; past it the diff ends with `…`. */
  budget?: number;
}

/**
 * A diff cut down for display: long unchanged runs keep only their ends around the changes, the whole
 * stays within a budget, and invisible characters are spelled out (`\u{200B}`) so hidden text shows.
 */
export function shownParts(parts: readonly TextPart[], { context = 60, budget = 2_000 }: ShownOptions = {}): TextPart[] {
  const shown: TextPart[] = [];
  let left = budget;
  parts.forEach((part, index) => {
    if (left <= 0) return;
    let text = part.text;
    if (!part.change) {
      const first = index === 0;
      const last = index === parts.length - 1;
      const keep = first || last ? context : context * 2;
      if (longerThan(text, keep + 1)) {
        if (first) text = `…${tail(text, context)}`;
        else if (last) text = `${cut(text, context)}…`;
        else text = `${cut(text, context)} … ${tail(text, context)}`;
      }
    }
    // What is shown is cut to `left`: only one code point more is needed to know there was more.
    text = showInvisible(cut(text, left + 1));
    const length = Array.from(text).length;
    if (length > left) text = `${cut(text, left)}…`;
    left -= length;
    shown.push(part.change ? { text, change: part.change } : { text });
  });
  return shown;
}
