import type { CatalogSummary } from '../core/catalog/catalog-cache.ts';
import { DataError } from '../core/errors/friendly.ts';
import { runWorker } from './run-worker.ts';

/** What the build needs to know of a catalog it read into the cache: counts and what to say. */
export type CatalogReading = CatalogSummary;

type WorkerAnswer = { ok: true; reading: CatalogReading } | { ok: false; problems: string[] } | { ok: false; error: string };

/**
 * Reads, checks and classifies the catalog into `cacheFile` (see core/catalog/catalog-cache.ts) in a
 * worker thread: at 250,000 tools the reading holds gigabytes, which the worker's exit returns to
 * the system before the build starts, rather than the CLI holding them beside Astro's own copy.
 * Throws a DataError with every file's problems.
 */
export async function readCatalogInWorker(catalogDir: string, cacheFile: string, salt: string): Promise<CatalogReading> {
  const answer = await runWorker<WorkerAnswer>(new URL('./read-catalog-worker.ts', import.meta.url), { catalogDir, cacheFile, salt, cwd: process.cwd() }, 'reading the catalog');
  if (answer.ok) return answer.reading;
  throw 'problems' in answer ? new DataError(answer.problems) : new Error(answer.error);
}
