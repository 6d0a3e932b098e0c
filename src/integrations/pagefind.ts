import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { close, createIndex } from 'pagefind';
import { builtCatalog } from '../build/built-catalog.ts';
import { searchDocuments } from '../core/search/search-documents.ts';

const BATCH = 200;

/**
 * Indexes the catalog with Pagefind's Node API once the pages are written; any indexing error
 * fails the build. The catalog comes from src/content.ts, which the pages loaded in this process.
 */
export function pagefindIndex(): AstroIntegration {
  return {
    name: 'policy-atlas-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const { catalog, shard } = builtCatalog();
        // A shard holds some servers' pages only; `merge` indexes the whole catalog once.
        if (shard) return logger.info('shard build: no search index (merge makes it)');
        const started = performance.now();
        const fail = async (stage: string, errors: string[]) => {
          await close();
          throw new Error(`Pagefind ${stage} failed:\n${errors.join('\n')}`);
        };
        const { index, errors } = await createIndex({ forceLanguage: 'en' });
        if (!index || errors.length) return fail('setup', errors);
        const documents = searchDocuments(catalog);
        for (let i = 0; i < documents.length; i += BATCH) {
          const added = await Promise.all(documents.slice(i, i + BATCH).map(({ url, html }) => index.addHTMLFile({ url, content: html })));
          const problems = added.flatMap((result) => result.errors);
          if (problems.length) return fail('indexing', problems);
        }
        const written = await index.writeFiles({ outputPath: `${fileURLToPath(dir)}/pagefind` });
        if (written.errors.length) return fail('writing', written.errors);
        await close();
        logger.info(`indexed ${documents.length} server documents (${catalog.tools.length} tools) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };
}
