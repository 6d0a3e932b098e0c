import { renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { manifestText, previousServerKeys } from './build/build-manifest.ts';
import { BUILD_MARKER } from './build/output-guard.ts';
import { planLine } from './build/progress.ts';
import { cacheFolderOfStaging } from './build/publish.ts';
import { loadAccuracyFile } from './core/catalog/accuracy-file.ts';
import { buildCatalog } from './core/catalog/build-catalog.ts';
import { loadCatalogDir } from './core/catalog/load.ts';
import { CATALOG_CACHE_NAME, readCachedCatalog } from './core/catalog/catalog-cache.ts';
import { buildRelatedIndex } from './core/catalog/related.ts';
import { planBuild, serverKeys } from './core/catalog/server-keys.ts';
import { parseShard } from './core/catalog/shards.ts';
import { serversIndexPages, serversPageParam } from './core/site/servers-index.ts';

/**
 * The one place pages get data from: the catalog is read and classified once per build. It is read
 * straight from CATALOG_DIR rather than through a content collection: the collection's data store
 * is serialized and bundled, which cost 400 MB at 10,000 tools (see the scale notes in README).
 */
const catalogDir = resolve(process.env.CATALOG_DIR ?? 'data');
const salt = process.env.ATLAS_BUILD_SALT;
// A build started by src/build/run-build.ts has just read, checked and classified the catalog into this file.
const outDir = process.env.ATLAS_OUT_DIR;
const cached = salt && outDir ? readCachedCatalog(join(cacheFolderOfStaging(outDir), CATALOG_CACHE_NAME), salt) : undefined;
export const catalog = buildCatalog(cached ?? loadCatalogDir(catalogDir));
/** The classifier's figures that the catalog's maintainer published; undefined when none were. */
export const accuracyFigures = loadAccuracyFile(catalogDir);
export const relatedIndex = buildRelatedIndex(catalog);

/**
 * Which servers' pages to render: a build started by src/build/run-build.ts passes a salt (code and
 * deployment) and the previous build; servers whose key is unchanged are linked from it instead.
 */
/** `build --shard i/n` renders one slice of the servers, for `merge` to assemble with the others. */
const shard = parseShard(process.env.ATLAS_SHARD ?? '');
export const buildPlan = planBuild(salt ? serverKeys(catalog, relatedIndex, salt) : new Map(), salt ? previousServerKeys(process.env.ATLAS_PREVIOUS_BUILD) : undefined, shard);

if (salt) {
  const rendered = catalog.servers.filter((server) => buildPlan.renders(server.slug));
  console.log(planLine(rendered.length, catalog.servers.length, rendered.reduce((sum, server) => sum + server.tools.length, 0)));
}

// The build (src/build/reuse-pages.ts) links the servers this build does not render as soon as it
// sees their keys; the same file tells the next build what this one holds.
if (salt && outDir && (buildPlan.keys.size > 0 || shard)) {
  writeFileSync(join(outDir, `${BUILD_MARKER}.partial`), manifestText(buildPlan.keys, shard));
  renameSync(join(outDir, `${BUILD_MARKER}.partial`), join(outDir, BUILD_MARKER));
}

/** Route params of the tool pages (and their JSON records) and server pages this build renders. */
export const toolPaths = () => catalog.tools.filter((tool) => buildPlan.renders(tool.server.slug)).map((tool) => ({ params: { server: tool.server.slug, tool: tool.slug }, props: { tool } }));
export const serverPaths = () => catalog.servers.filter((server) => buildPlan.renders(server.slug)).map((server) => ({ params: { server: server.slug }, props: { server } }));

/** Route params of the pages of the servers index, each with what it shows. */
export const serversIndexPaths = () => serversIndexPages(catalog).map((view, i) => ({ params: { page: serversPageParam(i + 1) }, props: { view } }));
