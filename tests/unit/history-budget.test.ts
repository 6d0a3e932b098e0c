import fc from 'fast-check';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { definitionChanges } from '../../src/core/history/catalog-changes.ts';
import { compareTools } from '../../src/core/history/drift.ts';
import { canonicalJson, sameJson } from '../../src/core/history/definition-hash.ts';
import { DIFF_BUDGET, shownParts } from '../../src/core/history/text-diff.ts';
import { toolChanges } from '../../src/core/history/tool-history.ts';
import { mergeImport } from '../../src/core/import/merge.ts';
import type { Tool } from '../../src/core/schema/server.ts';

// The word diff is the one cost that grows faster than the data: count the characters it is given.
let diffed = 0;
vi.mock('diff', async (importOriginal) => {
  const real = await importOriginal<typeof import('diff')>();
  return {
    ...real,
    diffWords: (before: string, after: string, options: Parameters<typeof real.diffWords>[2]) => {
      diffed += before.length + after.length;
      return before.length + after.length < 1_000 ? real.diffWords(before, after, options) : undefined;
    },
  };
});
beforeEach(() => {
  diffed = 0;
});

// Like the 24 MB file of the review: 200 parameters whose 19,000-character descriptions all change, five times.
const text = (version: number, parameter: number) => `version ${version} of parameter ${parameter} `.repeat(600).slice(0, 19_000);
const schema = (version: number) => ({
  type: 'object',
  properties: Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`p${i}`, { type: 'string', description: text(version, i) }])),
});
const heavy = (name: string): Tool => ({
  name,
  description: 'Reads a thing.',
  inputSchema: schema(0),
  history: [1, 2, 3, 4, 5].map((v) => ({ date: `2026-0${v}-01`, inputSchema: schema(v) })),
});

describe('history diffs stay within a budget whatever the data file holds', () => {
  it('one tool page', () => {
    const changes = toolChanges(heavy('read_thing'));
    expect(changes).toHaveLength(5);
    expect(diffed).toBeGreaterThan(0);
    expect(diffed).toBeLessThanOrEqual(DIFF_BUDGET.page);
    // Past the budget a text still shows as changed, removed and added whole.
    expect(changes.at(-1)!.diff.parameters.reworded[0]!.parts.map((p) => p.change)).toEqual(['removed', 'added']);
  }, 30_000);

  it('one feed', () => {
    const tools = Array.from({ length: 3 }, (_, i) => heavy(`read_thing_${i}`));
    const catalog = buildCatalog([{ slug: 'heavy', file: 'heavy.json', data: { name: 'Heavy', tools } }]);
    expect(definitionChanges(catalog.tools, 100, '2026-12-07')).toHaveLength(15);
    expect(diffed).toBeLessThanOrEqual(DIFF_BUDGET.feed);
  }, 30_000);

  it('one check, and an import (which needs no word diff at all)', () => {
    const reviewed = Array.from({ length: 4 }, (_, i): Tool => ({ name: `t${i}`, inputSchema: schema(1) }));
    const listed = reviewed.map((tool) => ({ ...tool, inputSchema: schema(2) }));
    expect(compareTools(reviewed, listed).changed).toHaveLength(4);
    expect(diffed).toBeLessThanOrEqual(DIFF_BUDGET.check);
    diffed = 0;
    const existing = mergeImport({ tools: reviewed, now: new Date('2026-01-01'), serverName: 'Heavy' }).file;
    expect(mergeImport({ existing, tools: listed, now: new Date('2026-02-01') }).changes.changed).toHaveLength(4);
    expect(diffed).toBe(0);
  }, 30_000);
});

describe('what makes the budget hold', () => {
  it('sameJson agrees with comparing canonicalJson, for any JSON and key order (property)', () => {
    const reorder = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(reorder);
      if (value && typeof value === 'object')
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, reorder(v)]),
        );
      return value;
    };
    fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => sameJson(a, b) === (canonicalJson(a) === canonicalJson(b)) && sameJson(a, reorder(a))));
    expect(sameJson({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameJson({ a: null }, {})).toBe(false);
    expect(sameJson([undefined], [null])).toBe(true);
  });

  it('shows a huge text cut to the display budget, whole code points only', () => {
    const shown = shownParts(
      [
        { text: '😀'.repeat(3_000_000), change: 'removed' },
        { text: 'x', change: 'added' },
      ],
      { budget: 10 },
    );
    expect(shown).toEqual([{ text: `${'😀'.repeat(10)}…`, change: 'removed' }]);
  });
});
