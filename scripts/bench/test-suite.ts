// The steps of `npm test` (scripts/test.sh), run one after another and timed: how long a newcomer
// waits, and for what. A measurement, not a test: a failing step is recorded and the next one runs.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { round } from './stats.ts';
import { formatTable } from './table.ts';

export interface SuiteStep {
  id: string;
  label: string;
  command: string;
  args: string[];
  /** The vitest project the step runs, whose per-file results are read from its JSON report. */
  project?: string;
}

const vitest = (project: string): SuiteStep => ({
  id: project,
  label: `vitest --project ${project}`,
  // Through test.sh, as `npm test` runs it: Node and Chromium made sure of first.
  command: 'bash',
  args: ['scripts/test.sh', '--project', project],
  project,
});

/** What `npm test` runs, in its order (scripts/test.sh without arguments, then vitest's projects one at a time). */
export const SUITE_STEPS: SuiteStep[] = [
  { id: 'clients-install', label: 'MCP clients installed (scripts/clients.sh)', command: 'bash', args: ['scripts/clients.sh'] },
  { id: 'format', label: 'formatting (prettier --check)', command: 'npx', args: ['prettier', '--check', '--log-level', 'warn', '.'] },
  { id: 'lint', label: 'lint (eslint)', command: 'npx', args: ['eslint', '.'] },
  { id: 'typecheck', label: 'type check (astro check)', command: 'npx', args: ['astro', 'check', '--minimumSeverity', 'error'] },
  vitest('unit'),
  vitest('clients'),
  vitest('site'),
];

interface FileTime {
  file: string;
  seconds: number;
}

export interface StepResult {
  id: string;
  label: string;
  seconds: number;
  exitCode: number | null;
  /** 1-minute load average before and after: the machine may be shared. */
  loadBefore: number;
  loadAfter: number;
  log: string;
  tests?: { files: number; passed: number; failed: number; skipped: number; slowestFiles: FileTime[] };
}

/** Runs one step with its output to `log`; resolves when it exits. */
function runStep(root: string, step: SuiteStep, log: string, extraArgs: string[]): Promise<number | null> {
  const out = createWriteStream(log);
  const child = spawn(step.command, [...step.args, ...extraArgs], { cwd: root, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(out, { end: false });
  child.stderr.pipe(out, { end: false });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => out.end(() => done(code)));
  });
}

type JsonReport = { testResults?: { assertionResults?: { status: string }[] }[] };

// A file's line in vitest's default report, colours removed: "✓  site  tests/site/x.test.ts (9 tests | 1 failed) 24102ms".
const FILE_LINE = /^\s*[✓×❯↓]\s+(?:\S+\s+)?(\S+\.test\.ts)\s+\([^)]*\)\s+(?:(\d+(?:\.\d+)?)ms|(\d+(?:\.\d+)?)s)\s*$/;

/**
 * Counts from vitest's JSON report, and the slowest files from its default report: their times there
 * include the files' hooks (a shared build, a browser starting), which the JSON report's leave out.
 */
function readReport(file: string, log: string): StepResult['tests'] | undefined {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8')) as JsonReport;
  const files = report.testResults ?? [];
  const statuses = files.flatMap((f) => (f.assertionResults ?? []).map((a) => a.status));
  const count = (status: string) => statuses.filter((s) => s === status).length;
  const slowestFiles = readFileSync(log, 'utf8')
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .flatMap((line) => {
      const match = FILE_LINE.exec(line);
      return match ? [{ file: match[1]!, seconds: round(match[2] ? Number(match[2]) / 1000 : Number(match[3]), 1) }] : [];
    })
    .sort((a, b) => b.seconds - a.seconds)
    .slice(0, 5);
  return { files: files.length, passed: count('passed'), failed: count('failed'), skipped: count('skipped') + count('pending') + count('todo'), slowestFiles };
}

/** Runs the steps whose ids are given, in the suite's order; prints a table and returns the report. */
export async function benchTestSuite(root: string, ids: readonly string[]) {
  const work = mkdtempSync(join(tmpdir(), 'policy-atlas-bench-tests-'));
  const results: StepResult[] = [];
  for (const step of SUITE_STEPS.filter((s) => ids.includes(s.id))) {
    const log = join(work, `${step.id}.log`);
    const report = join(work, `${step.id}.json`);
    const extraArgs = step.project ? ['--reporter=default', '--reporter=json', `--outputFile.json=${report}`] : [];
    console.log(`bench: ${step.label}…`);
    const loadBefore = loadavg()[0]!;
    const started = performance.now();
    const exitCode = await runStep(root, step, log, extraArgs);
    const seconds = round((performance.now() - started) / 1000, 1);
    const tests = step.project ? readReport(report, log) : undefined;
    results.push({
      id: step.id,
      label: step.label,
      seconds,
      exitCode,
      loadBefore: round(loadBefore),
      loadAfter: round(loadavg()[0]!),
      log,
      ...(tests ? { tests } : {}),
    });
    console.log(`bench: ${step.label}: ${seconds} s, exit ${exitCode}${exitCode === 0 ? '' : ` (see ${log})`}`);
  }
  const total = round(
    results.reduce((sum, r) => sum + r.seconds, 0),
    1,
  );
  const rows = results.map((r) => [
    r.label,
    r.seconds.toFixed(1),
    String(r.exitCode),
    r.tests ? `${r.tests.passed}/${r.tests.passed + r.tests.failed + r.tests.skipped}` : '',
    `${r.loadBefore.toFixed(1)} -> ${r.loadAfter.toFixed(1)}`,
  ]);
  console.log(`\n${formatTable(['step', 's (wall)', 'exit', 'tests passed', 'load (1 min)'], [...rows, ['total', total.toFixed(1), '', '', '']])}`);
  for (const r of results)
    if (r.tests?.slowestFiles.length) console.log(`slowest files of ${r.id}: ${r.tests.slowestFiles.map((f) => `${f.file} ${f.seconds} s`).join(', ')}`);
  return {
    generatedAt: new Date().toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryMB: Math.round(totalmem() / 1024 / 1024), node: process.version },
    notes: [
      'Each step of `npm test` (scripts/test.sh) alone, one after another; `npm test` itself runs the vitest projects in one vitest process, at once.',
      'seconds: wall clock of the step. load: the 1-minute load average before and after it (the machine may be shared).',
      "tests: counts from vitest's JSON report; slowestFiles as its default report times them, hooks included (a shared build, a browser starting).",
    ],
    totalSeconds: total,
    steps: results,
  };
}
