import { Worker } from 'node:worker_threads';

/**
 * Ends this process when the one that started it is gone (the CLI killed with -9): a job works
 * synchronously for minutes, so its own event loop would not see the IPC channel close, and a
 * reader stuck on a file would live on. A thread watches the parent's id instead (an orphan's
 * parent becomes another process) and kills the process. Linux's PR_SET_PDEATHSIG would do the
 * same, but Node has no binding to it.
 */
export function dieWithParent(intervalMs = 200): void {
  const watch = `const { workerData } = require('node:worker_threads');
setInterval(() => { if (process.ppid !== workerData.parent) process.kill(process.pid, 'SIGKILL'); }, workerData.intervalMs);`;
  new Worker(watch, { eval: true, workerData: { parent: process.ppid, intervalMs } }).unref();
}
