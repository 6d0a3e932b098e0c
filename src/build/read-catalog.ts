import { rmSync, statSync } from 'node:fs';
import { assembleCache, type CatalogSummary, type BatchReading } from './catalog/catalog-cache.ts';
import { catalogFiles } from './catalog/load.ts';
import { DataError } from '../core/errors/friendly.ts';
import { runWorker } from './run-worker.ts';

/** What the build needs to know of a catalog it read into the cache: counts and what to say. */
export type CatalogReading = CatalogSummary;

type WorkerAnswer = { ok: true; reading: BatchReading } | { ok: false; problems: string[] } | { ok: false; error: string };

// Below this many bytes of data files, a second reader costs more to start than it saves.
const SPLIT_FROM_BYTES = 8 << 20;

/**
 * Reads, checks and classifies the catalog into `cacheFile` (see catalog/catalog-cache.ts),
 * two batches of the files at once on a large catalog, each in a process of its own: at 250,000
 * tools the reading holds gigabytes, which a process returns to the system when it exits (a thread's
 * would stay with the CLI, beside Astro and Pagefind). Throws a DataError with every file's problems.
 * Batch files are named by process, so readers of two builds never write each other's.
 */
export async function readCatalogInWorker(
  catalogDir: string,
  cacheFile: string,
  fingerprint: string,
  splitFromBytes = SPLIT_FROM_BYTES,
): Promise<CatalogReading> {
  const batches = split(catalogFiles(catalogDir), splitFromBytes);
  const answers = await Promise.all(
    batches.map((paths, i) =>
      runWorker<WorkerAnswer>(
        new URL('./read-catalog-worker.ts', import.meta.url),
        { paths, cacheFile, fingerprint, batchFile: `${cacheFile}.${process.pid}.batch-${i}`, cwd: process.cwd() },
        'reading the catalog',
        { ownProcess: true },
      ),
    ),
  );
  const readings = answers.flatMap((answer) => (answer.ok ? [answer.reading] : []));
  if (readings.length < answers.length) {
    // The last good cache stays; what the readers that succeeded wrote goes.
    for (const reading of readings) rmSync(reading.batchFile, { force: true });
    const failed = answers.find((answer) => 'error' in answer);
    if (failed && 'error' in failed) throw new Error(failed.error);
    throw new DataError(answers.flatMap((answer) => ('problems' in answer ? answer.problems : [])));
  }
  return assembleCache(cacheFile, fingerprint, readings);
}

/** The files in order, cut in two batches of about equal bytes (one batch for a small catalog). */
function split(paths: string[], splitFromBytes: number): string[][] {
  const sizes = paths.map((path) => statSync(path).size);
  const total = sizes.reduce((a, b) => a + b, 0);
  if (total < splitFromBytes) return [paths];
  let bytes = 0;
  let cut = 0;
  while (cut < paths.length && bytes + sizes[cut]! <= total / 2) bytes += sizes[cut++]!;
  return [paths.slice(0, cut), paths.slice(cut)].filter((batch) => batch.length > 0);
}
