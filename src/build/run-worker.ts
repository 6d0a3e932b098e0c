import { ChildProcess, fork, type Serializable } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface RunWorkerOptions {
  /**
   * A child process instead of a thread: for jobs that hold gigabytes (reading a 250,000-tool
   * catalog), since a thread's freed memory stays in this process's allocator, counted against the
   * build for as long as it runs, and a process's returns to the system when it exits.
   */
  ownProcess?: boolean;
  /** When this settles, the job gets its go-ahead message (see job-io.ts `jobGoAhead`). */
  proceedWhen?: Promise<unknown>;
}

/**
 * Runs a job script (see job-io.ts) to its one answer: resolves with the first message it posts,
 * rejects when it throws or exits without one (`what` names the job in that message).
 */
export function runWorker<Answer>(script: URL, data: unknown, what: string, options: RunWorkerOptions = {}): Promise<Answer> {
  return new Promise((resolvePromise, reject) => {
    const job = options.ownProcess
      ? fork(fileURLToPath(script), [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      : new Worker(script, { workerData: data });
    if (job instanceof ChildProcess) job.send(data as Serializable);
    const goAhead = () => {
      if (job instanceof ChildProcess) {
        if (job.connected) job.send('go');
      } else job.postMessage('go');
    };
    void options.proceedWhen?.then(goAhead, goAhead);
    let answered = false;
    job.once('message', (answer: Answer) => {
      answered = true;
      resolvePromise(answer);
    });
    job.once('error', reject);
    job.once('exit', (code: number | null) => {
      if (!answered) reject(new Error(`${what} stopped (exit code ${code})`));
    });
  });
}
