import { describe, expect, it } from 'vitest';
import { BuildProgress, planLine } from '../../src/build/progress.ts';

function harness(interactive: boolean) {
  let clock = 0;
  const out: string[] = [];
  const progress = new BuildProgress({ expectedPages: 1000, interactive, write: (t) => out.push(t), now: () => clock, intervalMs: 5000 });
  return { progress, out, advance: (ms: number) => (clock += ms) };
}

describe('build progress', () => {
  it('counts page lines instead of printing them, including lines Astro split in two', () => {
    const { progress, out } = harness(false);
    progress.line('12:00:01   ├─ /servers/a/b/index.html (+8ms) ');
    progress.line('12:00:01   ├─ /servers/a/c/index.html12:00:01   ├─ /servers/a/d/index.html (+3ms) ');
    progress.line(' (+5ms) ');
    progress.line('12:00:01   └─ /index.html (+2ms) ');
    expect(progress.finish()).toBe(4);
    expect(out.join('')).not.toContain('/servers/a/b/');
  });

  it("counts only the pages it is told to from another page process's output", () => {
    const { progress } = harness(false);
    const serverPage = /\/servers\/[^/]+\//;
    expect(progress.countPages('12:00:01   ├─ /servers/a/b/index.html (+8ms) ', serverPage)).toBe(true);
    expect(progress.countPages('12:00:01   └─ /deploy/index.html (+2ms) ', serverPage)).toBe(true);
    expect(progress.countPages(' (+5ms) ', serverPage)).toBe(true);
    expect(progress.countPages('12:00:02 [WARN] odd', serverPage)).toBe(false);
    expect(progress.finish()).toBe(1);
  });

  it('prints warnings, errors and phase lines whole', () => {
    const { progress, out } = harness(true);
    progress.line('12:00:01   ├─ /a/index.html (+8ms) ');
    progress.line('12:00:02 [WARN] something odd in /servers/x');
    expect(out.at(-1)).toBe('12:00:02 [WARN] something odd in /servers/x\n');
    // The in-place progress line is cleared before a whole line is printed.
    expect(out.at(-2)).toBe('\r\x1b[2K');
  });

  it('reports pages done of the total, the rate and the time left, every few seconds in a log', () => {
    const { progress, out, advance } = harness(false);
    progress.line('├─ /first/index.html (+1ms)');
    const reported = () => out.filter((t) => t.startsWith('policy-atlas: rendering pages')).length;
    const before = reported();
    for (let i = 0; i < 99; i++) {
      advance(20);
      progress.line('├─ /p/index.html (+1ms)');
    }
    // 1.98 s of pages: no new log line before the 5 s interval.
    expect(reported()).toBe(before);
    advance(3100);
    progress.line('├─ /last/index.html (+1ms)');
    expect(reported()).toBe(before + 1);
    expect(out.at(-1)).toMatch(/^policy-atlas: rendering pages: 101 of ~1,000 pages, 20\/s, about 0?\d?m?\d+s left, \d+s in\n$/);
    expect(progress.status()).toMatch(/about 4\ds left/);
  });

  it('redraws one line in place on a terminal', () => {
    const { progress, out, advance } = harness(true);
    for (let i = 0; i < 5; i++) {
      advance(300);
      progress.line('├─ /p/index.html (+1ms)');
    }
    expect(out.every((t) => t.startsWith('\r\x1b[2K') && !t.endsWith('\n'))).toBe(true);
    expect(out.length).toBeGreaterThanOrEqual(4);
  });

  it('takes its total from the plan of the pages process: a rebuild renders only what changed', () => {
    const out: string[] = [];
    const progress = new BuildProgress({ expectedPages: 305_000, pagesFor: (servers, tools) => tools + 4 * servers + 100, interactive: false, write: (t) => out.push(t), now: () => 0 });
    const plan = planLine(161, 12_630, 3_204);
    expect(plan).toBe('policy-atlas: pages to render: 161 of 12,630 servers (3,204 tools); the others are unchanged or in other shards');
    progress.line(plan);
    expect(out.at(-1)).toBe(`${plan}\n`);
    progress.line('├─ /p/index.html (+1ms)');
    expect(progress.status()).toMatch(/^rendering pages: 1 of ~3,948 pages/);
    expect(planLine(1, 1, 1)).toBe('policy-atlas: pages to render: 1 of 1 servers (1 tool)');
  });
});
