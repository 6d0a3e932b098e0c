// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { cacheFolderOfStaging } from './src/build/publish.ts';
import { HIGHLIGHT_THEMES, styleToClasses } from './src/lib/highlight/style-classes.ts';

const base = process.env.BASE_PATH ?? '/';

// SITE_URL and BASE_PATH set where the site is deployed; ATLAS_OUT_DIR is set by src/build/run-build.ts,
// which builds into a temporary folder and swaps it in only when the build succeeds.
const staging = process.env.ATLAS_OUT_DIR;
export default defineConfig({
  site: process.env.SITE_URL ?? 'https://policy-atlas.example',
  base,
  outDir: staging ?? './dist',
  // One cache per output folder (set by the build), so concurrent builds of different outputs never share one.
  ...(staging ? { cacheDir: cacheFolderOfStaging(staging) } : {}),
  output: 'static',
  trailingSlash: 'always',
  // Rendering waits on file writes; a few pages in flight keep the CPU busy.
  // Stylesheets as files, never inline <style>: the CSP allows no inline style.
  build: { format: 'directory', concurrency: 4, inlineStylesheets: 'never' },
  // Scripts as files too: an inlined island script was repeated in every one of 250,000 pages, and
  // a file is fetched once and cached.
  vite: { build: { assetsInlineLimit: 0 } },
  // What follows the pages (linking unchanged servers' pages, the search index, the CSP headers) is
  // done by the build around Astro, src/build/run-build.ts.
  integrations: [mdx()],
  markdown: { shikiConfig: { themes: HIGHLIGHT_THEMES, transformers: [styleToClasses()] } },
});
