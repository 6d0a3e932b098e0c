/** Sorted, disjoint, inclusive UTF-16 code unit ranges, flat: [lo0, hi0, lo1, hi1, …]. */
export type CharSet = readonly number[];

/**
 * Case folding as a JavaScript regular expression without the `u` flag does it under `i`: two code
 * units match when they canonicalize alike, and Canonicalize (ECMA-262, 22.2.2.7.3) is the code
 * unit's upper case when that is one code unit, except that nothing outside ASCII folds into it
 * (`ſ` does not match `s`, `K` (Kelvin) does not match `k`). It is computed from the engine's own
 * `toUpperCase`, so it follows the engine's Unicode tables, outside ASCII as well as in it.
 */

interface FoldTable {
  /** Every code unit that shares its canonical form with another, sorted. */
  cased: number[];
  /** Code unit -> the code units that canonicalize alike (itself included), for `cased` ones. */
  peers: Map<number, number[]>;
}

let table: FoldTable | undefined;

function canonicalize(unit: number): number {
  const upper = String.fromCharCode(unit).toUpperCase();
  if (upper.length !== 1) return unit;
  const folded = upper.charCodeAt(0);
  return unit >= 128 && folded < 128 ? unit : folded;
}

// Built on the first case-insensitive pattern only: 65,536 calls of toUpperCase.
function foldTable(): FoldTable {
  if (table) return table;
  const byCanonical = new Map<number, number[]>();
  for (let unit = 0; unit <= 0xffff; unit++) {
    const canonical = canonicalize(unit);
    const group = byCanonical.get(canonical);
    if (group) group.push(unit);
    else byCanonical.set(canonical, [unit]);
  }
  const peers = new Map<number, number[]>();
  for (const group of byCanonical.values()) {
    if (group.length > 1) for (const unit of group) peers.set(unit, group);
  }
  table = { cased: [...peers.keys()].sort((a, b) => a - b), peers };
  return table;
}

/** The first index in sorted `list` whose value is at least `value`; `step` 2 reads every other entry (a CharSet's starts). */
function lowerBound(list: readonly number[], value: number, step = 1): number {
  let [lo, hi] = [0, Math.ceil(list.length / step)];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid * step]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo * step;
}

const holds = (set: CharSet, unit: number) => {
  const at = lowerBound(set, unit + 1, 2) - 2;
  return at >= 0 && set[at + 1]! >= unit;
};

/** The code units outside `set` that match one of its members under `i`, as ranges to add to it (unsorted). */
export function caseVariants(set: CharSet): number[] {
  const { cased, peers } = foldTable();
  const added: number[] = [];
  for (let i = 0; i < set.length; i += 2) {
    for (let at = lowerBound(cased, set[i]!); at < cased.length && cased[at]! <= set[i + 1]!; at++) {
      for (const peer of peers.get(cased[at]!)!) if (!holds(set, peer)) added.push(peer, peer);
    }
  }
  return added;
}
