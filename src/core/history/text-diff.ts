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

/** Word-level diff of two texts (jsdiff's diffWords); an absent text reads as empty. */
export function wordDiff(before = '', after = ''): TextPart[] {
  if (before === after) return before ? [{ text: before }] : [];
  const changes = before.length <= MAX_DIFFED_CHARS && after.length <= MAX_DIFFED_CHARS
    ? diffWords(before, after, { maxEditLength: MAX_EDIT_LENGTH })
    : undefined;
  if (!changes) return whole(before, after);
  return changes.map((c) => (c.added ? { text: c.value, change: 'added' } : c.removed ? { text: c.value, change: 'removed' } : { text: c.value }));
}

/** The first `max` code points of `text` (never half a surrogate pair). */
function cut(text: string, max: number): string {
  const points = Array.from(text);
  return points.length <= max ? text : points.slice(0, max).join('');
}
const tail = (text: string, max: number) => Array.from(text).slice(-max).join('');

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
      if (Array.from(text).length > keep + 1) {
        if (first) text = `…${tail(text, context)}`;
        else if (last) text = `${cut(text, context)}…`;
        else text = `${cut(text, context)} … ${tail(text, context)}`;
      }
    }
    text = showInvisible(text);
    const length = Array.from(text).length;
    if (length > left) text = `${cut(text, left)}…`;
    left -= length;
    shown.push(part.change ? { text, change: part.change } : { text });
  });
  return shown;
}
