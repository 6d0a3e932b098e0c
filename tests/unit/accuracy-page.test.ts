import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadAccuracyFile } from '../../src/build/catalog/accuracy-file.ts';
import { DataError } from '../../src/core/errors/friendly.ts';
import { accuracyView, type PublishedAccuracy } from '../../src/core/site/accuracy-page.ts';
import { ROOT } from '../support/run-cli.ts';

const FIXTURE_DIR = join(ROOT, 'tests/fixtures/accuracy');
const fixture = () => JSON.parse(readFileSync(join(FIXTURE_DIR, 'accuracy.json'), 'utf8'));

describe('accuracyView from a figures fixture', () => {
  const view = accuracyView(loadAccuracyFile(FIXTURE_DIR), '2026.11.9') as PublishedAccuracy;

  it('is published, with the date, the rules version and the size of the corpus', () => {
    expect(view.published).toBe(true);
    expect(view.measuredOn).toBe('2026-11-30');
    expect(view.rulesVersion).toBe('2026.11.9');
    expect(view.staleNote).toBeUndefined();
    expect(view.corpus).toBe('200 tools from 10 servers, rated with their annotations hidden and compared with what their authors declare.');
    expect(view.split).toContain('a tuning half (5 servers, 120 tools)');
    expect(view.split).toContain('a checking half (5 servers, 80 tools)');
    expect(view.split).toContain('(seed 42)');
  });

  it('shows every figure on the whole corpus and both halves, with the gap between the halves', () => {
    expect(view.figures.map((f) => f.key)).toEqual(['readOnWrites', 'harmlessDestructive', 'readRecall', 'falseAlarm', 'agreement']);
    const readOnWrites = view.figures[0]!;
    expect(readOnWrites).toMatchObject({ all: '2.5% (2 of 80)', tuning: '0.0% (0 of 50)', checking: '6.7% (2 of 30)', gap: '+6.7 pts', better: 'lower' });
    expect(view.figures[1]).toMatchObject({ tuning: 'not measured (no such tool)', gap: 'n/a' });
    expect(view.figures[2]).toMatchObject({ all: '95.0% (95 of 100)', gap: '−4.2 pts', better: 'higher' });
  });

  it('lays out both confusion tables: author hints by row, the classifier by column, with totals', () => {
    expect(view.byLevel.columns).toEqual(['Low', 'Medium', 'High', 'Critical']);
    expect(view.byLevel.rows.map((r) => r.label)).toEqual([
      'Declared read-only',
      'Declared destructive',
      'Declared to change things, not destructive',
      'No hint',
    ]);
    expect(view.byLevel.rows[0]).toEqual({ label: 'Declared read-only', cells: [90, 7, 2, 1], total: 100 });
    expect(view.byCategory.columns).toEqual(['Read', 'Write', 'Destructive', 'Execute', 'Financial', 'Other']);
    expect(view.byCategory.rows.reduce((n, r) => n + r.total, 0)).toBe(200);
  });

  it('orders the confusion tables for the page, level first, each with its anchor and caption', () => {
    expect(view.tables.map((t) => [t.id, t.title])).toEqual([
      ['by-level', 'Declared hints against the rated level'],
      ['by-category', 'Declared hints against the rated category'],
    ]);
    expect(view.tables[0]!.table).toBe(view.byLevel);
    expect(view.tables[1]!.table).toBe(view.byCategory);
  });

  it('says so when the site now rates with other rules than the figures were measured with', () => {
    const stale = accuracyView(loadAccuracyFile(FIXTURE_DIR), '2027.1.1') as PublishedAccuracy;
    expect(stale.staleNote).toBe(
      'These figures were measured with rules 2026.11.9; the catalog now rates with rules 2027.1.1, whose figures have not been published yet.',
    );
  });

  it('no file: nothing published, not an error', () => {
    expect(accuracyView(loadAccuracyFile(join(ROOT, 'tests/fixtures/eval')), '2026.11.9')).toEqual({ published: false });
  });
});

describe('loadAccuracyFile on a broken file', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));
  const write = (content: string) => {
    dir = mkdtempSync(join(tmpdir(), 'atlas-accuracy-'));
    writeFileSync(join(dir, 'accuracy.json'), content);
    return dir;
  };
  const problems = (catalogDir: string) => {
    try {
      loadAccuracyFile(catalogDir, catalogDir);
    } catch (error) {
      if (error instanceof DataError) return error.lines;
      throw error;
    }
    return [];
  };

  it('names the file and the JSON path of each problem', () => {
    const bad = fixture();
    bad.all.figures.readRecall = { count: 5, of: 4 };
    bad.confusion.byLevel['no hint'].severe = 1;
    bad.rulesVersion = '<b>1</b>';
    bad.tuning.tools = -1;
    expect(problems(write(JSON.stringify(bad)))).toEqual([
      'accuracy.json › rulesVersion: must be a version such as 2026.12.1, got the string "<b>1</b>"',
      'accuracy.json › all.figures.readRecall: count cannot exceed of, got an object',
      'accuracy.json › tuning.tools: Too small: expected number to be >=0, got number -1',
      'accuracy.json › confusion.byLevel["no hint"].severe: unknown key "severe" (hint: remove it or check its spelling; unknown keys are refused so that a typo never goes unnoticed)',
    ]);
  });

  it('not JSON: a clear error naming the file', () => {
    expect(problems(write('{ "measuredOn": '))[0]).toMatch(
      /^accuracy\.json: not valid JSON \(.*\) \(hint: write it again with npm run eval:classifier -- <dir> --write\)$/,
    );
  });
});
