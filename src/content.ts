import { renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { manifestText, previousServerKeys } from './build/build-manifest.ts';
import { BUILD_MARKER } from './build/output-guard.ts';
import { planLine } from './build/progress.ts';
import { cacheFolderOfStaging } from './build/publish.ts';
import { loadAccuracyFile } from './build/catalog/accuracy-file.ts';
import { buildCatalog } from './core/catalog/build-catalog.ts';
import { dayOf } from './core/history/catalog-changes.ts';
import { loadCatalogDir } from './build/catalog/load.ts';
import { CATALOG_CACHE_NAME, readCachedCatalog } from './build/catalog/catalog-cache.ts';
import { buildRelatedIndex } from './core/catalog/related.ts';
import { planBuild, serverKeys } from './core/catalog/server-keys.ts';
import { parseShard } from './core/catalog/shards.ts';
import { assignPageParts, serverPageCount } from './core/catalog/page-parts.ts';
import { serversIndexPages, serversPageParam } from './core/site/servers-index.ts';

/**
 * The one place pages get data from: the catalog is read and classified once per build. It is read
 * straight from CATALOG_DIR rather than through a content collection: the collection's data store
 * is serialized and bundled, which cost 400 MB at 10,000 tools (see docs/architecture.md).
 */
const catalogDir = resolve(process.env.CATALOG_DIR ?? 'data');
const salt = process.env.ATLAS_BUILD_SALT;
// A build started by src/build/run-build.ts has just read, checked and classified the catalog into this file.
const outDir = process.env.ATLAS_OUT_DIR;
// The build's other page processes write elsewhere and are told where that file is.
const cacheFile = process.env.ATLAS_CATALOG_CACHE || (outDir ? join(cacheFolderOfStaging(outDir), CATALOG_CACHE_NAME) : undefined);
const cached = salt && cacheFile ? readCachedCatalog(cacheFile, salt) : undefined;
export const catalog = buildCatalog(cached ?? loadCatalogDir(catalogDir));
/** The classifier's figures that the catalog's maintainer published; undefined when none were. */
export const accuracyFigures = loadAccuracyFile(catalogDir);
export const relatedIndex = buildRelatedIndex(catalog);

/**
 * Which servers' pages to render: a build started by src/build/run-build.ts passes a salt (code and
 * deployment) and the previous build; servers whose key is unchanged are linked from it instead.
 * `build --shard i/n` renders one slice of the servers, for `merge` to assemble with the others.
 */
const shard = parseShard(process.env.ATLAS_SHARD ?? '');
/** The build's day: history dated after it is not trusted for ordering (core/history/catalog-changes.ts). */
export const buildDay = dayOf(new Date());
export const buildPlan = planBuild(salt ? serverKeys(catalog, relatedIndex, salt, buildDay) : new Map(), salt ? previousServerKeys(process.env.ATLAS_PREVIOUS_BUILD) : undefined, shard);
const planned = catalog.servers.filter((server) => buildPlan.renders(server.slug));

/**
 * A build renders its pages in several processes (see core/catalog/page-parts.ts): this one renders
 * its part of the planned servers and every n-th listing page. A shard leaves the listings to
 * `merge`, which renders them from the whole catalog.
 */
const part = parseShard(process.env.ATLAS_PAGE_PART ?? '');
const firstPart = !part || part.index === 1;
const partOf = part && part.count > 1 ? assignPageParts(planned.map((server) => ({ slug: server.slug, pages: serverPageCount(server.tools.length) })), part.count) : undefined;
const renders = (serverSlug: string) => buildPlan.renders(serverSlug) && (!partOf || partOf.get(serverSlug) === part!.index);

// The whole plan, said once: the build's progress counts every part's pages against it.
if (salt && firstPart) console.log(planLine(planned.length, catalog.servers.length, planned.reduce((sum, server) => sum + server.tools.length, 0)));

// The build (src/build/reuse-pages.ts) links the servers this build does not render as soon as it
// sees their keys; the same file tells the next build what this one holds.
if (salt && outDir && firstPart && (buildPlan.keys.size > 0 || shard)) {
  const toolCounts = new Map(catalog.servers.map((server) => [server.slug, server.tools.length]));
  const files = new Map([...buildPlan.keys.keys()].map((slug) => [slug, serverPageCount(toolCounts.get(slug) ?? 0)]));
  writeFileSync(join(outDir, `${BUILD_MARKER}.partial`), manifestText(buildPlan.keys, files, shard));
  renameSync(join(outDir, `${BUILD_MARKER}.partial`), join(outDir, BUILD_MARKER));
}

/** Route params of a listing route's pages: this page process's share of them, none in a shard. */
export const listingPaths = <Path>(paths: () => Path[]): Path[] => (shard ? [] : !part ? paths() : paths().filter((_, i) => i % part.count === part.index - 1));

/** Route params of the tool pages (and their JSON records) and server pages this build renders. */
export const toolPaths = () => catalog.tools.filter((tool) => renders(tool.server.slug)).map((tool) => ({ params: { server: tool.server.slug, tool: tool.slug }, props: { tool } }));
export const serverPaths = () => catalog.servers.filter((server) => renders(server.slug)).map((server) => ({ params: { server: server.slug }, props: { server } }));

/** Route params of the pages of the servers index, each with what it shows. */
export const serversIndexPaths = () => listingPaths(() => serversIndexPages(catalog).map((view, i) => ({ params: { page: serversPageParam(i + 1) }, props: { view } })));
