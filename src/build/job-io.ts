import { isMainThread, parentPort, workerData } from 'node:worker_threads';

/** Where a job run as its own process (see run-worker.ts) finds its data. */
export const JOB_DATA_ENV = 'ATLAS_JOB_DATA';

/** The data the job was started with, as a thread or as a process. */
export function jobData<Data>(): Data {
  if (!isMainThread) return workerData as Data;
  const text = process.env[JOB_DATA_ENV];
  if (text === undefined) throw new Error(`a build job started without ${JOB_DATA_ENV}`);
  return JSON.parse(text) as Data;
}

/** Sends the job's one answer; a process then lets go of its channel, so it ends once its work is done. */
export function answerJob(answer: unknown): void {
  if (!isMainThread) {
    parentPort!.postMessage(answer);
    return;
  }
  process.send!(answer, () => process.disconnect());
}
