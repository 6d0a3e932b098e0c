import { Worker } from 'node:worker_threads';

export interface SearchIndexResult {
  documents: number;
  tools: number;
  seconds: number;
}

type WorkerAnswer = { ok: true; documents: number; tools: number } | { ok: false; error: string };

/**
 * Writes the Pagefind index of the catalog in `cacheFile` (see core/catalog/catalog-cache.ts) to
 * `outputPath`, in a worker thread. The index is made from the catalog, not from the pages, so it
 * is built beside Astro's rendering: on two cores that takes it off the build's critical path.
 */
export function buildSearchIndex(cacheFile: string, salt: string, outputPath: string): Promise<SearchIndexResult> {
  const started = performance.now();
  return new Promise((resolvePromise, reject) => {
    const worker = new Worker(new URL('./search-index-worker.ts', import.meta.url), { workerData: { cacheFile, salt, outputPath } });
    let answered = false;
    worker.once('message', (answer: WorkerAnswer) => {
      answered = true;
      if (answer.ok) resolvePromise({ documents: answer.documents, tools: answer.tools, seconds: (performance.now() - started) / 1000 });
      else reject(new Error(answer.error));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`the search index stopped (exit code ${code})`));
    });
  });
}
