import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRegex, type CharSet } from '../../src/core/policy/regex-syntax.ts';

const escaped = (unit: number) => `\\u${unit.toString(16).padStart(4, '0')}`;
const has = (set: CharSet, unit: number) => set.some((lo, i) => i % 2 === 0 && lo <= unit && unit <= set[i + 1]!);
const members = (set: CharSet) => set.flatMap((_, i) => (i % 2 === 0 ? Array.from({ length: set[i + 1]! - set[i]! + 1 }, (_, k) => set[i]! + k) : []));
// Every code unit once, so one global search lists every unit a pattern matches.
const everyUnit = Array.from({ length: 0x10000 }, (_, unit) => String.fromCharCode(unit)).join('');
const matchedBy = (source: string) => [...everyUnit.matchAll(new RegExp(source, 'g'))].map((match) => match.index);

describe('case folding under (?i:…)', () => {
  const charSet = (source: string) => {
    const node = parseRegex(source);
    if (node.kind !== 'chars') throw new Error(`${source} parsed to ${node.kind}`);
    return node.set;
  };
  const setOf = (source: string) => members(charSet(source));

  // Every unit with another case: the ones that can fold with another (ſ, K and ß among them, which JavaScript does not fold).
  const cased = Array.from({ length: 0x10000 }, (_, unit) => unit).filter((unit) => {
    const char = String.fromCharCode(unit);
    return char.toUpperCase() !== char || char.toLowerCase() !== char;
  });

  it('matches exactly the code units JavaScript matches, for every unit with another case', () => {
    expect(cased.length).toBeGreaterThan(2000);
    for (const unit of cased) expect(setOf(`(?i:${escaped(unit)})`), escaped(unit)).toEqual(matchedBy(`(?i:${escaped(unit)})`));
  });

  it('matches exactly the code units JavaScript matches, for ranges', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 400 }), (from, width) => {
        const source = `(?i:[${escaped(from)}-${escaped(Math.min(0xffff, from + width))}])`;
        expect(setOf(source)).toEqual(matchedBy(source));
      }),
      { numRuns: 100 },
    );
  });

  // JavaScript folds a class before `^` inverts it: (?i:[^a]) matches neither a nor A.
  it('matches what JavaScript matches for a negated class, on every unit the class or its folding holds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0xffff }), fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 0xffff }), (from, width, other) => {
        const source = `(?i:[^${escaped(from)}-${escaped(Math.min(0xffff, from + width))}])`;
        const ours = charSet(source);
        const regex = new RegExp(`^${source}$`);
        const folded = setOf(`(?i:[${escaped(from)}-${escaped(Math.min(0xffff, from + width))}])`);
        for (const unit of [...folded, from - 1, from + width + 1, other].filter((u) => u >= 0 && u <= 0xffff)) {
          expect(has(ours, unit), escaped(unit)).toBe(regex.test(String.fromCharCode(unit)));
        }
      }),
      { numRuns: 200 },
    );
  });
});
