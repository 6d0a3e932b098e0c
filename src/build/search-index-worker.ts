import { close, createIndex } from 'pagefind';
import { buildCatalog } from '../core/catalog/build-catalog.ts';
import { eachCachedServer } from './catalog/catalog-cache.ts';
import { serverSearchDocument, type SearchDocument } from '../core/search/search-documents.ts';
import { answerJob, jobData, jobGoAhead } from './job-io.ts';

const { cacheFile, fingerprint, outputPath, writeAfterPages } = await jobData<{
  cacheFile: string;
  fingerprint: string;
  outputPath: string;
  writeAfterPages: boolean;
}>();
const pagesDone = writeAfterPages ? jobGoAhead() : undefined;
// Documents in flight to Pagefind at a time.
const BATCH = 200;

async function indexCatalog(): Promise<{ documents: number; tools: number }> {
  const fail = async (stage: string, errors: string[]) => {
    await close();
    throw new Error(`Pagefind ${stage} failed:\n${errors.join('\n')}`);
  };
  const { index, errors } = await createIndex({ forceLanguage: 'en' });
  if (!index || errors.length) return fail('setup', errors);
  let documents = 0;
  let tools = 0;
  let batch: SearchDocument[] = [];
  const flush = async () => {
    const added = await Promise.all(batch.map(({ url, html }) => index.addHTMLFile({ url, content: html })));
    batch = [];
    const problems = added.flatMap((result) => result.errors);
    if (problems.length) await fail('indexing', problems);
  };
  // One server at a time: a server's document needs only its own tools, so the catalog is never held whole.
  for (const input of eachCachedServer(cacheFile, fingerprint)) {
    const server = buildCatalog([input]).servers[0]!;
    batch.push(serverSearchDocument(server));
    documents++;
    tools += server.tools.length;
    if (batch.length === BATCH) await flush();
  }
  await flush();
  // Pagefind's memory triples while it writes; on a large build that waits until the pages' process is gone.
  await pagesDone;
  const written = await index.writeFiles({ outputPath });
  if (written.errors.length) await fail('writing', written.errors);
  await close();
  return { documents, tools };
}

try {
  answerJob({ ok: true, ...(await indexCatalog()) });
} catch (error) {
  answerJob({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
