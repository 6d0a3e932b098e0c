import { parentPort, workerData } from 'node:worker_threads';
import { loadCatalogCached } from '../core/catalog/catalog-cache.ts';
import { DataError } from '../core/errors/friendly.ts';

const { catalogDir, cacheFile, salt, cwd } = workerData as { catalogDir: string; cacheFile: string; salt: string; cwd: string };
try {
  const { servers, reused } = loadCatalogCached(catalogDir, cacheFile, salt, cwd);
  parentPort!.postMessage({
    ok: true,
    reading: { servers: servers.length, tools: servers.reduce((n, s) => n + s.data.tools.length, 0), warnings: servers.flatMap((s) => s.warnings), reused },
  });
} catch (error) {
  parentPort!.postMessage(error instanceof DataError ? { ok: false, problems: error.lines } : { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
}
