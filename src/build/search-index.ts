import { renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { searchBundleFolder } from '../core/search/search-bundles.ts';
import { runWorker } from './run-worker.ts';

export interface SearchIndexResult {
  documents: number;
  tools: number;
  bundles: number;
  seconds: number;
}

type WorkerAnswer = { ok: true; documents: number; tools: number } | { ok: false; error: string };

/**
 * Writes the Pagefind index of the catalog in `cacheFile` (see core/catalog/catalog-cache.ts) to
 * `outputPath`, in a process of its own. The index is made from the catalog, not from the pages, so
 * it is built beside Astro's rendering: on two cores that takes it off the build's critical path.
 * Given `writeAfter`, it adds its documents beside the pages but writes its files only once that
 * settles (the pages are done), so Pagefind's writing peak never meets Astro's. With `bundles` > 1
 * the servers are split into that many bundles (core/search/search-bundles.ts), written at once by
 * as many processes; bundle i lands in `outputPath`/b<i>/.
 */
export async function buildSearchIndex(cacheFile: string, salt: string, outputPath: string, writeAfter?: Promise<unknown>, bundles = 1): Promise<SearchIndexResult> {
  const started = performance.now();
  const bundlePath = (index: number) => (index === 1 ? outputPath : `${outputPath}.${searchBundleFolder(index)}`);
  const indexes = Array.from({ length: bundles }, (_, i) => i + 1);
  try {
    const answers = await Promise.all(
      indexes.map((index) => {
        const job = { cacheFile, salt, outputPath: bundlePath(index), writeAfterPages: writeAfter !== undefined, ...(bundles > 1 ? { bundle: { index, count: bundles } } : {}) };
        return runWorker<WorkerAnswer>(new URL('./search-index-worker.ts', import.meta.url), job, 'the search index', { ownProcess: true, proceedWhen: writeAfter });
      }),
    );
    for (const answer of answers) if (!answer.ok) throw new Error(answer.error);
    // Pagefind may clear its output folder when it writes: the other bundles move in once all are written.
    for (const index of indexes.slice(1)) renameSync(bundlePath(index), join(outputPath, searchBundleFolder(index)));
    const sum = (key: 'documents' | 'tools') => answers.reduce((n, answer) => n + (answer.ok ? answer[key] : 0), 0);
    return { documents: sum('documents'), tools: sum('tools'), bundles, seconds: (performance.now() - started) / 1000 };
  } finally {
    for (const index of indexes.slice(1)) rmSync(bundlePath(index), { recursive: true, force: true });
  }
}
