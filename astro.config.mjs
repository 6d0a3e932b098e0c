// @ts-check
import { resolve } from 'node:path';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { pageJob } from './src/build/page-job-integration.ts';
import { ONLY_RENDERER } from './src/build/renderers.ts';
import { HIGHLIGHT_THEMES, styleToClasses } from './src/lib/highlight/style-classes.ts';

const base = process.env.BASE_PATH ?? '/';

// SITE_URL and BASE_PATH set where the site is deployed. A build (src/build/run-build.ts) renders
// in page processes of its own (src/build/page-process.ts), each giving Astro its output and cache
// folders and its pages their job; `astro dev`, `astro check` and `astro preview` get this default.
export default defineConfig({
  site: process.env.SITE_URL ?? 'https://policy-atlas.example',
  base,
  outDir: './dist',
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
  integrations: [mdx(), pageJob({ catalogDir: resolve('data'), outDir: resolve('dist'), cacheDir: resolve('node_modules/.astro'), renderer: ONLY_RENDERER })],
  markdown: { shikiConfig: { themes: HIGHLIGHT_THEMES, transformers: [styleToClasses()] } },
});
