/** Tool-name patterns of policy v1: `*` matches any run of characters (also none); every other character is literal. */

/** Longest pattern a policy may hold: the tie check costs the product of two patterns' lengths. */
export const MAX_PATTERN_LENGTH = 256;

export const isPattern = (key: string): boolean => key.includes('*');

/** The characters before the first `*`: among patterns that match, the longest literal prefix wins. */
export const literalPrefix = (pattern: string): string => {
  const star = pattern.indexOf('*');
  return star < 0 ? pattern : pattern.slice(0, star);
};

/** Steps a check may still take; once spent, checks stop and their caller says the result is partial. */
export class WorkBudget {
  exhausted = false;
  private left: number;
  constructor(steps: number) {
    this.left = steps;
  }
  get remaining(): number {
    return Math.max(0, this.left);
  }
  /** Takes `steps`; false (and exhausted from then on) when there were not that many left. */
  spend(steps: number): boolean {
    this.left -= steps;
    if (this.left < 0) this.exhausted = true;
    return !this.exhausted;
  }
}

/**
 * Whether `pattern` matches `text`: the literal ends, then each literal run between stars at its
 * leftmost place after the previous one (leftmost is never worse with `*` as the only wildcard).
 * About linear in the text. A `*` inside `text` is matched only by a `*` of the pattern, since
 * literal runs hold none, so `globMatch(a, b)` on two patterns says whether every name `b` matches
 * is matched by `a` too.
 */
export function globMatch(pattern: string, text: string): boolean {
  const runs = pattern.split('*');
  if (runs.length === 1) return pattern === text;
  const head = runs[0]!;
  const tail = runs[runs.length - 1]!;
  if (text.length < head.length + tail.length || !text.startsWith(head) || !text.endsWith(tail)) return false;
  const end = text.length - tail.length;
  let at = head.length;
  for (const run of runs.slice(1, -1)) {
    const found = run === '' ? at : text.indexOf(run, at);
    if (found < 0 || found + run.length > end) return false;
    at = found + run.length;
  }
  return true;
}

// Search state reused across calls: patterns are capped, so it stays small, and pairs are many.
let scratch = { seen: new Int32Array(0), from: new Int32Array(0), read: new Int32Array(0), queue: new Int32Array(0), visit: 0 };

/**
 * The shortest name both patterns match, or undefined when none exists (or the budget runs out: see
 * `budget.exhausted`). A breadth-first search over pairs of positions (the product of the two
 * patterns' automata), in typed arrays, with no recursion; each state reached costs one step.
 */
export function commonMatch(a: string, b: string, budget: WorkBudget): string | undefined {
  const width = b.length + 1;
  const states = (a.length + 1) * width;
  // Even the arrays for a product larger than the budget are not worth allocating.
  if (states > budget.remaining) {
    budget.spend(states);
    return undefined;
  }
  if (scratch.seen.length < states) {
    scratch = { seen: new Int32Array(states), from: new Int32Array(states), read: new Int32Array(states), queue: new Int32Array(states), visit: 0 };
  }
  // A state counts as reached when `seen` holds this call's number: nothing needs clearing between calls.
  const visitId = ++scratch.visit;
  const { seen, from, read, queue } = scratch;
  let tail = 0;
  const reach = (state: number, previous: number, char: number) => {
    if (seen[state] === visitId) return;
    seen[state] = visitId;
    from[state] = previous;
    read[state] = char;
    queue[tail++] = state;
  };
  const STAR = 0x2a;
  const NOTHING = -1;
  reach(0, -1, NOTHING);
  for (let head = 0; head < tail; head++) {
    if (!budget.spend(1)) return undefined;
    const state = queue[head]!;
    const i = Math.floor(state / width);
    const j = state % width;
    if (i === a.length && j === b.length) {
      const chars: number[] = [];
      for (let s = state; s !== 0; s = from[s]!) if (read[s] !== NOTHING) chars.push(read[s]!);
      return String.fromCharCode(...chars.reverse());
    }
    const ca = i < a.length ? a.charCodeAt(i) : -1;
    const cb = j < b.length ? b.charCodeAt(j) : -1;
    // A star may match nothing; a star facing a literal lets the literal through; equal literals pair up.
    if (ca === STAR) reach((i + 1) * width + j, state, NOTHING);
    if (cb === STAR) reach(i * width + j + 1, state, NOTHING);
    if (ca === STAR && cb >= 0 && cb !== STAR) reach(i * width + j + 1, state, cb);
    if (cb === STAR && ca >= 0 && ca !== STAR) reach((i + 1) * width + j, state, ca);
    if (ca >= 0 && ca !== STAR && ca === cb) reach((i + 1) * width + j + 1, state, ca);
  }
  return undefined;
}
