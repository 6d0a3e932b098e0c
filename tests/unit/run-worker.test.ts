import { describe, expect, it } from 'vitest';
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
    const answer = runWorker<string>(new URL('../support/gated-job.ts', import.meta.url), { name: 'the index' }, 'waiting', { ownProcess, proceedWhen }).then((text) => ({ text, released }));
    await new Promise((resolvePromise) => setTimeout(resolvePromise, 300));
    released = true;
    release();
    expect(await answer).toStrictEqual({ text: 'the index went ahead', released: true });
  });
});
