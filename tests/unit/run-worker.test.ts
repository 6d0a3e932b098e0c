import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { runWorker } from '../../src/build/run-worker.ts';

const echo = new URL('../support/echo-job.ts', import.meta.url);
// What reading a 250,000-tool catalog hands each reader: its share of 12,630 file paths (~1 MB),
// past what an environment variable or an argument may hold (128 KB on Linux).
const data = { paths: Array.from({ length: 12_630 }, (_, i) => `/home/someone/catalogs/field/servers/server-number-${i}-of-the-catalog.json`) };

describe('a build job', () => {
  it('gets data of any size as a process', { timeout: 60_000 }, async () => {
    expect(await runWorker(echo, data, 'echoing', { ownProcess: true })).toStrictEqual(data);
  });

  it('gets the same as a thread', async () => {
    expect(await runWorker(echo, data, 'echoing')).toStrictEqual(data);
  });

  it.each([true, false])('waits for its go-ahead (as a process: %s)', { timeout: 60_000 }, async (ownProcess) => {
    let released = false;
    let release = () => {};
    const proceedWhen = new Promise<void>((resolvePromise) => (release = resolvePromise));
    const answer = runWorker<string>(new URL('../support/gated-job.ts', import.meta.url), { name: 'the index' }, 'waiting', { ownProcess, proceedWhen }).then(
      (text) => ({ text, released }),
    );
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 300));
    released = true;
    release();
    expect(await answer).toStrictEqual({ text: 'the index went ahead', released: true });
  });

  it('as a process, ends when the process that started it is killed, even while it works', { timeout: 60_000 }, async () => {
    const pidFile = join(mkdtempSync(join(tmpdir(), 'atlas-job-')), 'pid');
    // It would work for 30 s; it must end within a few of its parent.
    const parent = spawn(process.execPath, [fileURLToPath(new URL('../support/busy-job-parent.ts', import.meta.url)), pidFile, '30'], { stdio: 'ignore' });
    await vi.waitFor(() => expect(existsSync(pidFile) && readFileSync(pidFile, 'utf8') !== '').toBe(true), { timeout: 20_000, interval: 50 });
    const job = Number(readFileSync(pidFile, 'utf8'));
    parent.kill('SIGKILL');
    const alive = () => {
      try {
        process.kill(job, 0);
        return true;
      } catch {
        return false;
      }
    };
    await vi.waitFor(() => expect(alive()).toBe(false), { timeout: 5_000, interval: 100 });
  });
});
