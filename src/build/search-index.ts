import { runWorker } from './run-worker.ts';

export interface SearchIndexResult {
  documents: number;
  tools: number;
  seconds: number;
}

type WorkerAnswer = { ok: true; documents: number; tools: number } | { ok: false; error: string };

/**
 * Writes the Pagefind index of the catalog in `cacheFile` (see catalog/catalog-cache.ts) to
 * `outputPath`, in a process of its own. The index is made from the catalog, not from the pages, so
 * it is built beside Astro's rendering: on two cores that takes it off the build's critical path.
 * Given `writeAfter`, it adds its documents beside the pages but writes its files only once that
 * settles (the pages are done), so Pagefind's writing peak never meets Astro's.
 */
export async function buildSearchIndex(cacheFile: string, fingerprint: string, outputPath: string, writeAfter?: Promise<unknown>): Promise<SearchIndexResult> {
  const started = performance.now();
  const job = { cacheFile, fingerprint, outputPath, writeAfterPages: writeAfter !== undefined };
  const answer = await runWorker<WorkerAnswer>(new URL('./search-index-worker.ts', import.meta.url), job, 'the search index', {
    ownProcess: true,
    proceedWhen: writeAfter,
  });
  if (!answer.ok) throw new Error(answer.error);
  return { documents: answer.documents, tools: answer.tools, seconds: (performance.now() - started) / 1000 };
}
