import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAccuracyFile } from '../../src/build/catalog/accuracy-file.ts';
import { RULES_VERSION } from '../../src/core/classify/rules-version.ts';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLIT_SEED, splitByServer } from '../../src/core/classify/eval-split.ts';
import { ROOT } from '../support/run-cli.ts';

const FIXTURES = join(ROOT, 'tests/fixtures/eval');
const SERVERS = ['calendar.json', 'notes.json', 'shell.json', 'tickets.json', 'weather.json'];

function evalClassifier(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, 'scripts/eval-classifier.ts'), ...args],
      { cwd: ROOT, timeout: 60_000, env: { ...process.env, ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      },
    );
  });
}

describe('splitByServer', () => {
  const names = Array.from({ length: 11 }, (_, i) => `server-${i}.json`);
  const split = (list: readonly string[], seed?: number) => splitByServer(list, (n) => n, seed);

  it('gives every server to exactly one half, the tuning half rounded up', () => {
    const { tuning, checking } = split(names);
    expect(tuning).toHaveLength(6);
    expect(checking).toHaveLength(5);
    expect([...tuning, ...checking].sort()).toEqual([...names].sort());
  });

  it('is fixed by the seed, whatever order the servers come in', () => {
    expect(split([...names].reverse())).toEqual(split(names));
    expect(split(names, DEFAULT_SPLIT_SEED)).toEqual(split(names));
    expect(split(names, 7)).not.toEqual(split(names));
  });

  it('a new server moves at most one other server across', () => {
    const before = split(names);
    const after = split([...names, 'server-new.json']);
    const moved = names.filter((n) => before.tuning.includes(n) !== after.tuning.includes(n));
    expect(moved.length).toBeLessThanOrEqual(1);
  });
});

describe('eval:classifier on a fixture corpus', () => {
  it('--split --json: figures of the whole, of both halves, and which servers are in each', async () => {
    const { code, stdout, stderr } = await evalClassifier([FIXTURES, '--split', '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.seed).toBe(DEFAULT_SPLIT_SEED);
    expect([...out.tuningServers, ...out.checkingServers].sort()).toEqual(SERVERS);
    expect(out.tuningServers).toEqual(splitByServer(SERVERS, (n) => n).tuning);
    expect(out.all).toMatchObject({ servers: 5, tools: 11 });
    expect(out.tuning.servers + out.checking.servers).toBe(5);
    expect(out.tuning.tools + out.checking.tools).toBe(11);
    for (const half of [out.all, out.tuning, out.checking]) {
      expect(Object.keys(half)).toEqual(['servers', 'tools', 'readOnWrites', 'harmlessDestructive', 'readRecall', 'falseAlarm', 'agreement', 'labelFree']);
    }
    // run_sql says readOnlyHint true, and it runs any SQL: rated critical, one false alarm of 6 read-only tools.
    expect(out.all.falseAlarm).toBeCloseTo(1 / 6);
  }, 60_000);

  it('reads every shape import accepts, a dump with its own `name` and `version` too', async () => {
    const { code, stdout, stderr } = await evalClassifier([join(FIXTURES, 'notes.json'), '--json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ servers: 1, tools: 2 });
  }, 60_000);

  it('the text form prints both halves and the gap', async () => {
    const { code, stdout } = await evalClassifier([FIXTURES, '--split']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^tuning: 3 servers, \d+ tools/m);
    expect(stdout).toMatch(/^checking: 2 servers, \d+ tools/m);
    expect(stdout).toMatch(/^falseAlarm +16\.7% \(1 of 6\)/m);
    expect(stdout).toMatch(/^gap \(checking - tuning\): readOnWrites/m);
  }, 60_000);

  it('--write stores the figures of the whole and both halves, counts only, where the site reads them', async () => {
    const catalogDir = mkdtempSync(join(tmpdir(), 'atlas-accuracy-'));
    try {
      const { code, stdout, stderr } = await evalClassifier([FIXTURES, '--write', '--json'], { CATALOG_DIR: catalogDir });
      expect(code).toBe(0);
      expect(stderr).toBe(`eval-classifier: wrote ${join(catalogDir, 'accuracy.json')}\n`);
      const printed = JSON.parse(stdout);
      const file = loadAccuracyFile(catalogDir)!;
      expect(file.rulesVersion).toBe(RULES_VERSION);
      expect(file.measuredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(file.splitSeed).toBe(DEFAULT_SPLIT_SEED);
      expect(file.all).toMatchObject({ servers: 5, tools: 11 });
      expect(file.all.figures.falseAlarm).toEqual({ count: 1, of: 6 });
      expect(file.all.figures.readRecall.count / file.all.figures.readRecall.of).toBeCloseTo(printed.readRecall);
      expect(file.tuning.servers + file.checking.servers).toBe(5);
      expect(file.tuning.tools + file.checking.tools).toBe(11);
      const rows = Object.values(file.confusion.byLevel).flatMap((row) => Object.values(row));
      expect(rows.reduce((a, b) => a + b, 0)).toBe(11);
      // No server's file name, tool name or text: the figures are ours, the corpus is not.
      const text = readFileSync(join(catalogDir, 'accuracy.json'), 'utf8');
      for (const word of ['calendar', 'notes', 'shell', 'tickets', 'weather', 'event', 'ticket', 'run_sql', 'forecast']) expect(text).not.toContain(word);
    } finally {
      rmSync(catalogDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('--write refuses to publish figures that leave a file out', async () => {
    const catalogDir = mkdtempSync(join(tmpdir(), 'atlas-accuracy-'));
    try {
      const { code, stderr } = await evalClassifier([FIXTURES, join(ROOT, 'tests/fixtures/eval/README.md'), '--write'], { CATALOG_DIR: catalogDir });
      expect(code).toBe(1);
      expect(stderr).toMatch(/not writing .*accuracy\.json: 1 problem above/);
      expect(loadAccuracyFile(catalogDir)).toBeUndefined();
    } finally {
      rmSync(catalogDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('an unknown option: usage, exit 2', async () => {
    const { code, stderr } = await evalClassifier([FIXTURES, '--splt']);
    expect(code).toBe(2);
    expect(stderr).toContain('unknown option --splt');
  }, 60_000);
});
