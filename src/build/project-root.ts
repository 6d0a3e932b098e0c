import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout: Astro's root, with src/pages and astro.config.mjs. */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
