import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { close, createIndex } from 'pagefind';

/** Indexes the built pages with Pagefind's Node API; any indexing error fails the build. */
export function pagefindIndex(): AstroIntegration {
  return {
    name: 'policy-atlas-pagefind',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const site = fileURLToPath(dir);
        const started = performance.now();
        const fail = async (stage: string, errors: string[]) => {
          await close();
          throw new Error(`Pagefind ${stage} failed:\n${errors.join('\n')}`);
        };
        const { index, errors } = await createIndex({ forceLanguage: 'en' });
        if (!index || errors.length) return fail('setup', errors);
        const added = await index.addDirectory({ path: site });
        if (added.errors.length) return fail('indexing', added.errors);
        const written = await index.writeFiles({ outputPath: `${site}/pagefind` });
        if (written.errors.length) return fail('writing', written.errors);
        await close();
        logger.info(`indexed ${added.page_count} pages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      },
    },
  };
}
