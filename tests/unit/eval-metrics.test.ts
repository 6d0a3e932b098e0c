import { describe, expect, it } from 'vitest';
import { computeFigures, confusion, figureErrors, figuresJson, hintClass, type EvalSample } from '../../src/core/classify/eval-metrics.ts';
import type { Category, Level } from '../../src/core/risk.ts';
import type { Annotations } from '../../src/core/schema/server.ts';

const s = (category: Category, level: Level, annotations?: Annotations): EvalSample => ({ category, level, ...(annotations ? { annotations } : {}) });
const RO = { readOnlyHint: true };
const WRITE = { readOnlyHint: false };
const DESTRUCTIVE = { readOnlyHint: false, destructiveHint: true };

// 8 tools: 2 read-only hints, 3 writes (one of them destructive), 1 destructive hint alone, 2 without hints.
const SAMPLES: EvalSample[] = [
  s('read', 'low', RO),
  s('other', 'medium', RO),
  s('read', 'low', WRITE),
  s('write', 'medium', WRITE),
  s('destructive', 'high', DESTRUCTIVE),
  s('write', 'low', { destructiveHint: true }),
  s('read', 'low'),
  s('execute', 'critical', { title: 'Run' }),
];

describe('hintClass', () => {
  it.each<[Annotations | undefined, string]>([
    [RO, 'read-only'],
    [{ readOnlyHint: true, destructiveHint: true }, 'read-only'],
    [DESTRUCTIVE, 'destructive'],
    [{ destructiveHint: true }, 'destructive'],
    [WRITE, 'write'],
    [{ destructiveHint: false }, 'write'],
    [{ title: 'x', openWorldHint: true }, 'no hint'],
    [undefined, 'no hint'],
  ])('%j -> %s', (annotations, expected) => {
    expect(hintClass(annotations)).toBe(expected);
  });
});

describe('computeFigures', () => {
  it.each<[keyof ReturnType<typeof computeFigures>, unknown]>([
    ['tools', 8],
    // readOnlyHint false: 3 tools, one classified read.
    ['readOnWrites', { count: 1, of: 3, share: 1 / 3 }],
    // destructiveHint true and not read-only: 2 tools, one rated low.
    ['harmlessDestructive', { count: 1, of: 2, share: 0.5 }],
    // readOnlyHint true: 2 tools, one classified read.
    ['readRecall', { count: 1, of: 2, share: 0.5 }],
    // readOnlyHint true: 2 tools, neither rated high or critical.
    ['falseAlarm', { count: 0, of: 2, share: 0 }],
    // readOnlyHint given: 5 tools; agree on RO/read, WRITE/write, DESTRUCTIVE/destructive.
    ['agreement', { count: 3, of: 5, share: 0.6 }],
  ])('%s', (figure, expected) => {
    expect(computeFigures(SAMPLES)[figure]).toEqual(expected);
  });

  it('a destructive hint under readOnlyHint true is not counted as destructive', () => {
    expect(computeFigures([s('read', 'low', { readOnlyHint: true, destructiveHint: true })]).harmlessDestructive).toEqual({ count: 0, of: 0, share: null });
  });

  it('reports null, not 0 or NaN, when there is nothing to measure', () => {
    expect(figuresJson(computeFigures([s('read', 'low')]))).toEqual({
      tools: 1,
      readOnWrites: null,
      harmlessDestructive: null,
      readRecall: null,
      falseAlarm: null,
      agreement: null,
    });
  });

  it('the JSON form has exactly the documented keys, shares between 0 and 1', () => {
    const json = figuresJson(computeFigures(SAMPLES));
    expect(Object.keys(json)).toEqual(['tools', 'readOnWrites', 'harmlessDestructive', 'readRecall', 'falseAlarm', 'agreement']);
    for (const key of ['readOnWrites', 'harmlessDestructive', 'readRecall', 'falseAlarm', 'agreement'] as const) {
      expect(json[key]).toBeGreaterThanOrEqual(0);
      expect(json[key]).toBeLessThanOrEqual(1);
    }
  });
});

describe('falseAlarm and figureErrors', () => {
  it('a read-only hint rated high or critical is a false alarm, whatever the category', () => {
    const samples = [s('read', 'high', RO), s('execute', 'critical', RO), s('read', 'medium', RO), s('write', 'critical', WRITE)];
    expect(computeFigures(samples).falseAlarm).toEqual({ count: 2, of: 3, share: 2 / 3 });
  });

  it.each<[EvalSample, string[]]>([
    [s('read', 'low', WRITE), ['readOnWrites']],
    [s('read', 'low', DESTRUCTIVE), ['readOnWrites', 'harmlessDestructive']],
    [s('execute', 'critical', RO), ['readRecall', 'falseAlarm']],
    [s('read', 'low', RO), []],
    [s('read', 'low'), []],
  ])('%j counts against %j', (sample, expected) => {
    expect(figureErrors(sample)).toEqual(expected);
  });
});

describe('confusion', () => {
  it('counts hints against categories and levels, every cell present', () => {
    const { byCategory, byLevel } = confusion(SAMPLES);
    expect(byCategory['read-only']).toEqual({ read: 1, write: 0, destructive: 0, execute: 0, financial: 0, other: 1 });
    expect(byCategory.write).toEqual({ read: 1, write: 1, destructive: 0, execute: 0, financial: 0, other: 0 });
    expect(byCategory.destructive).toEqual({ read: 0, write: 1, destructive: 1, execute: 0, financial: 0, other: 0 });
    expect(byCategory['no hint']).toEqual({ read: 1, write: 0, destructive: 0, execute: 1, financial: 0, other: 0 });
    expect(byLevel.destructive).toEqual({ low: 1, medium: 0, high: 1, critical: 0 });
    const total = Object.values(byLevel)
      .flatMap((row) => Object.values(row))
      .reduce((a, b) => a + b, 0);
    expect(total).toBe(SAMPLES.length);
  });
});
