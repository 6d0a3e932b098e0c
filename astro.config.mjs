// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { pagefindIndex } from './src/integrations/pagefind.ts';
import { securityHeaders } from './src/integrations/security-headers.ts';

const base = process.env.BASE_PATH ?? '/';

// SITE_URL and BASE_PATH set where the site is deployed; ATLAS_OUT_DIR is set by scripts/build.mjs,
// which builds into a temporary folder and swaps it in only when the build succeeds.
export default defineConfig({
  site: process.env.SITE_URL ?? 'https://policy-atlas.example',
  base,
  outDir: process.env.ATLAS_OUT_DIR ?? './dist',
  output: 'static',
  trailingSlash: 'always',
  // Rendering waits on file writes; a few pages in flight keep the CPU busy.
  build: { format: 'directory', concurrency: 4 },
  integrations: [mdx(), sitemap(), pagefindIndex(), securityHeaders(base)],
  markdown: { shikiConfig: { themes: { light: 'github-light', dark: 'github-dark' } } },
});
