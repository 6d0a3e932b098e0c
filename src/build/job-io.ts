import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/**
 * The data the job was started with, as a thread or as a process (see run-worker.ts). A process
 * gets it as its first message: the environment or arguments cannot carry 12,630 file paths.
 */
export function jobData<Data>(): Promise<Data> {
  if (!isMainThread) return Promise.resolve(workerData as Data);
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
