import type { CommandIO } from '../cli/io.ts';

/**
 * Names Vite gives `import.meta.env` itself. Astro reads import.meta.env from the page process's
 * environment, so a BASE_URL or SITE the user's shell or CI happens to set would replace the site's
 * base path and address (BASE_PATH and SITE_URL) in every link.
 */
const IMPORT_META_ENV_NAMES = ['BASE_URL', 'SITE', 'ASSETS_PREFIX', 'MODE', 'DEV', 'PROD', 'SSR'];

/** The environment of a page process: the build's own, without those names, with the heap the budget allows. */
export function pageProcessEnv(env: CommandIO['env'], heapLimitMB: number, interactive: boolean): Record<string, string | undefined> {
  const own = Object.fromEntries(Object.entries(env).filter(([name]) => !IMPORT_META_ENV_NAMES.includes(name)));
  return {
    ...own,
    // V8's default heap limit is below what a large catalog needs; give it what the budget allows.
    // A larger young generation lets a page's short-lived strings die young instead of being
    // promoted beside the catalog and collected by full GCs (50k tools: 152 -> 143 s cold).
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=${heapLimitMB} --max-semi-space-size=64`.trim(),
    // Astro's own colours, when the build's output is a terminal.
    ...(interactive ? { FORCE_COLOR: '1' } : {}),
  };
}
