import type { AstroIntegration } from 'astro';
import type { Plugin } from 'vite';
import { tellBuild, type PageJob } from './page-job.ts';
import { isSplitRoute } from './renderers.ts';

const NAME = 'policy-atlas/page-job';
export const PAGE_JOB_MODULE = 'virtual:policy-atlas/page-job';

/** Serves the job to the pages as `virtual:policy-atlas/page-job`, as Starlight gives its pages its configuration. */
function jobModule(job: PageJob): Plugin {
  const resolved = `\0${PAGE_JOB_MODULE}`;
  return {
    name: NAME,
    resolveId: (id) => (id === PAGE_JOB_MODULE ? resolved : undefined),
    load: (id) => (id === resolved ? `export default ${JSON.stringify(job)};` : undefined),
  };
}

/**
 * Gives the pages their job (page-job.ts) and, in a build, counts the pages rendered for the
 * build's progress (count-pages.ts, then every page once Astro is done). astro.config.mjs
 * registers it with a default job, for `astro dev` and the like; the page process
 * (page-process.ts) adds its own, which comes after that one and replaces it.
 */
export function pageJob(job: PageJob): AstroIntegration {
  let active = false;
  const setup: AstroIntegration['hooks']['astro:config:setup'] = ({ config, command, updateConfig, addMiddleware }) => {
    // Astro validates its configuration into copies of the integrations; the hooks are the same functions.
    active = config.integrations.filter((integration) => integration.name === NAME).at(-1)?.hooks['astro:config:setup'] === setup;
    if (!active) return;
    updateConfig({ vite: { plugins: [jobModule(job)] } });
    if (command === 'build') addMiddleware({ entrypoint: new URL('./count-pages.ts', import.meta.url), order: 'pre' });
  };
  return {
    name: NAME,
    hooks: {
      'astro:config:setup': setup,
      'astro:build:done': async ({ assets }) => {
        if (!active) return;
        let rendered = 0;
        for (const [route, files] of assets) if (job.renderer.index === 1 || isSplitRoute(route)) rendered += files.length;
        await tellBuild({ type: 'pages', rendered, done: true });
      },
    },
  };
}
