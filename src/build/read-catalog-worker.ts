import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalogCached } from '../core/catalog/catalog-cache.ts';
import { DataError } from '../core/errors/friendly.ts';

const { catalogDir, cacheFile, salt, cwd } = workerData as { catalogDir: string; cacheFile: string; salt: string; cwd: string };
try {
  parentPort!.postMessage({ ok: true, reading: loadCatalogCached(catalogDir, cacheFile, salt, cwd) });
} catch (error) {
  parentPort!.postMessage(error instanceof DataError ? { ok: false, problems: error.lines } : { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
