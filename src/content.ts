import job from 'virtual:policy-atlas/page-job';
import { previousServerKeys } from './build/build-manifest.ts';
import { tellBuild } from './build/page-job.ts';
import { planPages } from './build/plan-pages.ts';
import { serverKeys } from './build/server-keys.ts';
import { loadAccuracyFile } from './build/catalog/accuracy-file.ts';
import { buildCatalog } from './core/catalog/build-catalog.ts';
import { readCachedCatalog } from './build/catalog/catalog-cache.ts';
import { loadCatalogDir } from './build/catalog/load.ts';
import { buildRelatedIndex } from './core/catalog/related.ts';
import { dayOf } from './core/history/catalog-changes.ts';
import { serversIndexPages, serversPageParam } from './core/site/servers-index.ts';

/**
 * The one place pages get data from: the catalog is read and classified once per build (the
 * build's reading, when it started this process: see src/build/page-job.ts). It is read straight
 * from files rather than through a content collection: the collection's data store is serialized
 * and bundled, which cost 400 MB at 10,000 tools (see docs/architecture.md).
 */
const cached = job.fingerprint && job.catalogCache ? readCachedCatalog(job.catalogCache, job.fingerprint) : undefined;
export const catalog = buildCatalog(cached ?? loadCatalogDir(job.catalogDir));
/** The classifier's figures that the catalog's maintainer published; undefined when none were. */
export const accuracyFigures = loadAccuracyFile(job.catalogDir);
export const relatedIndex = buildRelatedIndex(catalog);
/** The build's day: history dated after it is not trusted for ordering (core/history/catalog-changes.ts). */
export const buildDay = dayOf(new Date());

/** Which pages this process renders (src/build/plan-pages.ts); servers unchanged since the previous build are linked from it. */
const plan = planPages({
  servers: catalog.servers.map((server) => ({ slug: server.slug, tools: server.tools.length })),
  keys: job.fingerprint ? serverKeys(catalog, relatedIndex, job.fingerprint, buildDay) : new Map(),
  previousKeys: job.fingerprint ? previousServerKeys(job.previousBuild) : undefined,
  ...(job.shard ? { shard: job.shard } : {}),
  renderer: job.renderer,
});
if (job.fingerprint && plan.report) tellBuild({ type: 'plan', report: plan.report });

/** Route params of a listing route's pages: this process's share of them, none in a shard. */
export const listingPaths = <Path>(paths: () => Path[]): Path[] => (plan.rendersListings ? paths().filter((_, i) => plan.rendersListingPage(i)) : []);

/** Route params of the tool pages (and their JSON records) and server pages this process renders. */
export const toolPaths = () =>
  catalog.tools.filter((tool) => plan.renders(tool.server.slug)).map((tool) => ({ params: { server: tool.server.slug, tool: tool.slug }, props: { tool } }));
export const serverPaths = () =>
  catalog.servers.filter((server) => plan.renders(server.slug)).map((server) => ({ params: { server: server.slug }, props: { server } }));

/** Route params of the pages of the servers index, each with what it shows. */
export const serversIndexPaths = () =>
  listingPaths(() => serversIndexPages(catalog).map((view, i) => ({ params: { page: serversPageParam(i + 1) }, props: { view } })));
