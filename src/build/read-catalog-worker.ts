import { readCatalogBatch } from './catalog/catalog-cache.ts';
import { DataError } from '../core/errors/friendly.ts';
import { answerJob, jobData } from './job-io.ts';

const { paths, cacheFile, fingerprint, batchFile, cwd } = await jobData<{
  paths: string[];
  cacheFile: string;
  fingerprint: string;
  batchFile: string;
  cwd: string;
}>();
try {
  answerJob({ ok: true, reading: readCatalogBatch(paths, cacheFile, fingerprint, batchFile, cwd) });
} catch (error) {
  answerJob(
    error instanceof DataError
      ? { ok: false, problems: error.lines }
      : { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) },
  );
}
