import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { dieWithParent } from './die-with-parent.ts';

/**
 * The data the job was started with, as a thread or as a process (see run-worker.ts). A process
 * gets it as its first message: the environment or arguments cannot carry 12,630 file paths. A
 * process ends with the one that started it.
 */
export function jobData<Data>(): Promise<Data> {
  if (!isMainThread) return Promise.resolve(workerData as Data);
  dieWithParent();
  return new Promise((resolve) => process.once('message', (data) => resolve(data as Data)));
}

/** Sends the job's one answer; a process then lets go of its channel, so it ends once its work is done. */
export function answerJob(answer: unknown): void {
  if (!isMainThread) {
    parentPort!.postMessage(answer);
    return;
  }
  process.send!(answer, () => process.disconnect());
}

/**
 * Resolves on the job's next message after its data: the go-ahead of `runWorker`'s `proceedWhen`.
 * Call it right after `jobData()`, before any other await: a message that arrives before a
 * listener does is lost.
 */
export function jobGoAhead(): Promise<void> {
  if (!isMainThread) return new Promise((resolve) => parentPort!.once('message', () => resolve()));
  return new Promise((resolve) => process.once('message', () => resolve()));
}
