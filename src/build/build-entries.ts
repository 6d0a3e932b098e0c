/**
 * What a build writes at the root of its output: the pages of src/pages and the files of public/,
 * Astro's assets, the search index, the security headers and the marker (tests/site/build.test.ts
 * checks a real build against this list). A folder holding anything else is not only a build.
 */
/** A file every build leaves at the root of its output: what lets a later build replace that folder. */
export const BUILD_MARKER = '.policy-atlas-build';

const NAMES = new Set([
  BUILD_MARKER,
  '404.html',
  '_astro',
  '_headers',
  'catalog.json',
  'categories',
  'changes.xml',
  'deploy',
  'favicon.svg',
  'highlight.css',
  'index.html',
  'llms.txt',
  'methodology',
  'pagefind',
  'policy',
  'policy-format',
  'risk',
  'robots.txt',
  'schema',
  'search',
  'servers',
  'sitemap-index.xml',
  'stack',
  'tool-names.json',
]);
const SITEMAP_CHUNK = /^sitemap-\d+\.xml$/;

export const isBuildEntry = (name: string): boolean => NAMES.has(name) || SITEMAP_CHUNK.test(name);
