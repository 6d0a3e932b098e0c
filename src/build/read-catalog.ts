import { Worker } from 'node:worker_threads';
import type { CatalogSummary } from '../core/catalog/catalog-cache.ts';
import { DataError } from '../core/errors/friendly.ts';

/** What the build needs to know of a catalog it read into the cache: counts and what to say. */
export type CatalogReading = CatalogSummary;

type WorkerAnswer = { ok: true; reading: CatalogReading } | { ok: false; problems: string[] } | { ok: false; error: string };

/**
 * Reads, checks and classifies the catalog into `cacheFile` (see core/catalog/catalog-cache.ts) in a
 * worker thread: at 250,000 tools the reading holds gigabytes, which the worker's exit returns to
 * the system before the build starts, rather than the CLI holding them beside Astro's own copy.
 * Throws a DataError with every file's problems.
 */
export function readCatalogInWorker(catalogDir: string, cacheFile: string, salt: string): Promise<CatalogReading> {
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./read-catalog-worker.ts', import.meta.url), { workerData: { catalogDir, cacheFile, salt, cwd: process.cwd() } });
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      if (answer.ok) resolvePromise(answer.reading);
      else if ('problems' in answer) reject(new DataError(answer.problems));
      else reject(new Error(answer.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`reading the catalog stopped (exit code ${code})`));
    });
  });
}
