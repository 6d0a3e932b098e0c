import { describe, expect, it } from 'vitest';
import { BuildLogger } from '../../src/build/build-logger.ts';
import { collectIO } from '../support/command-io.ts';

function harness(interactive: boolean, quiet = false) {
  let clock = 0;
  const { io, written } = collectIO({ interactive });
  const log = new BuildLogger(io, { quiet, now: () => clock, intervalMs: 5000 });
  log.expectPages(1000);
  return { log, written, advance: (ms: number) => (clock += ms) };
}

describe('the build logger', () => {
  it('says information on stdout, warnings and errors on stderr, each line after the first as it is', () => {
    const { log, written } = harness(false);
    log.info('catalog data: 13 servers');
    log.warn('2 warnings', '  a.json: odd', '  b.json: odd');
    log.error('the build failed');
    expect(written.stdout).toBe('policy-atlas: catalog data: 13 servers\n');
    expect(written.stderr).toBe('policy-atlas: 2 warnings\n  a.json: odd\n  b.json: odd\npolicy-atlas: the build failed\n');
    log.named('policy-atlas merge').info('3 servers');
    expect(written.stdout).toMatch(/\npolicy-atlas merge: 3 servers\n$/);
  });

  it('when quiet, says only warnings and errors: no information, no progress', () => {
    const { log, written, advance } = harness(false, true);
    log.info('catalog');
    advance(10_000);
    log.pagesRendered(10);
    log.warn('odd');
    expect(written.stdout).toBe('');
    expect(written.stderr).toBe('policy-atlas: odd\n');
  });

  it('passes what a page process printed through as it is, but blank lines', () => {
    const { log, written } = harness(false);
    log.relay('12:00:02 [WARN] something odd', 'err');
    log.relay('   ', 'out');
    expect(written.stderr).toBe('12:00:02 [WARN] something odd\n');
    expect(written.stdout).toBe('');
  });

  it('reports pages done of the total, the rate and the time left, every few seconds in a log', () => {
    const { log, written, advance } = harness(false);
    expect(log.status()).toMatch(/^preparing: 0 of ~1,000 pages/);
    log.pagesRendered(1);
    const reported = () => written.stdout.split('\n').filter((line) => line.startsWith('policy-atlas: rendering pages')).length;
    const before = reported();
    for (let i = 2; i <= 100; i++) {
      advance(20);
      log.pagesRendered(i);
    }
    // 1.98 s of pages: no new log line before the 5 s interval.
    expect(reported()).toBe(before);
    advance(3100);
    log.pagesRendered(101);
    expect(reported()).toBe(before + 1);
    expect(written.stdout.split('\n').at(-2)).toMatch(/^policy-atlas: rendering pages: 101 of ~1,000 pages, 20\/s, about 0?\d?m?\d+s left, \d+s in$/);
    expect(log.status()).toMatch(/about 4\ds left/);
    expect(log.finishProgress()).toBe(101);
  });

  it('redraws one line in place on a terminal, and clears it before a whole line', () => {
    const { log, written, advance } = harness(true);
    for (let i = 1; i <= 5; i++) {
      advance(300);
      log.pagesRendered(i);
    }
    const draws = written.stdout.split('\r\x1b[2K').filter(Boolean);
    expect(draws.length).toBeGreaterThanOrEqual(4);
    expect(draws.every((draw) => draw.startsWith('rendering pages') && !draw.endsWith('\n'))).toBe(true);
    log.info('done');
    expect(written.stdout.endsWith('\r\x1b[2Kpolicy-atlas: done\n')).toBe(true);
  });

  it('takes its total from the plan: a rebuild renders only what changed', () => {
    const { log } = harness(false);
    log.expectPages(3_948);
    log.pagesRendered(1);
    expect(log.status()).toMatch(/^rendering pages: 1 of ~3,948 pages/);
  });
});
