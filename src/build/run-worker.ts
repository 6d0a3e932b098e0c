import { Worker } from 'node:worker_threads';

/**
 * Runs a worker thread to its one answer: resolves with the first message it posts, rejects when it
 * throws or exits without one (`what` names the job in that message).
 */
export function runWorker<Answer>(script: URL, workerData: unknown, what: string): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(script, { workerData });
    let answered = false;
    worker.once('message', (answer: Answer) => {
      answered = true;
      resolvePromise(answer);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`${what} stopped (exit code ${code})`));
    });
  });
}
