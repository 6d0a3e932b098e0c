/** Tool-name patterns of policy v1: `*` matches any run of characters (also none); every other character is literal. */

export const isPattern = (key: string): boolean => key.includes('*');

/** The characters before the first `*`: among patterns that match, the longest literal prefix wins. */
export const literalPrefix = (pattern: string): string => {
  const star = pattern.indexOf('*');
  return star < 0 ? pattern : pattern.slice(0, star);
};

/**
 * Whether `pattern` matches `text`, greedy with one backtrack point (linear in practice, no recursion).
 * A `*` inside `text` is matched only by a `*` of the pattern, so `globMatch(a, b)` on two patterns
 * says whether every name `b` matches is matched by `a` too.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let starP = -1;
  let starT = 0;
  while (t < text.length) {
    if (p < pattern.length && pattern[p] === '*') {
      starP = p++;
      starT = t;
    } else if (p < pattern.length && pattern[p] === text[t]) {
      p++;
      t++;
    } else if (starP >= 0) {
      p = starP + 1;
      t = ++starT;
    } else {
      return false;
    }
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

/**
 * The shortest name both patterns match, or undefined when none exists: a breadth-first search over
 * pairs of positions (the product of the two patterns' automata), so it needs no recursion.
 */
export function commonMatch(a: string, b: string): string | undefined {
  const width = b.length + 1;
  const parent = new Map<number, { from: number; char: string }>([[0, { from: -1, char: '' }]]);
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head]!;
    const i = Math.floor(state / width);
    const j = state % width;
    if (i === a.length && j === b.length) {
      let name = '';
      for (let s = state; s > 0; ) {
        const step = parent.get(s)!;
        name = step.char + name;
        s = step.from;
      }
      return name;
    }
    const next: [number, number, string][] = [];
    // A star may match nothing; a star facing a literal lets the literal through; equal literals pair up.
    if (a[i] === '*') next.push([i + 1, j, '']);
    if (b[j] === '*') next.push([i, j + 1, '']);
    if (a[i] === '*' && j < b.length && b[j] !== '*') next.push([i, j + 1, b[j]!]);
    if (b[j] === '*' && i < a.length && a[i] !== '*') next.push([i + 1, j, a[i]!]);
    if (i < a.length && j < b.length && a[i] !== '*' && a[i] === b[j]) next.push([i + 1, j + 1, a[i]!]);
    for (const [ni, nj, char] of next) {
      const key = ni * width + nj;
      if (!parent.has(key)) {
        parent.set(key, { from: state, char });
        queue.push(key);
      }
    }
  }
  return undefined;
}
