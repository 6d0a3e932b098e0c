import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, homedir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { CommandIO } from '../cli/io.ts';
import { loadAccuracyFile } from './catalog/accuracy-file.ts';
import { CATALOG_CACHE_NAME } from './catalog/catalog-cache.ts';
import { DataError } from '../core/errors/friendly.ts';
import { WARNINGS_IN_FULL, kindSummary, warningReport } from '../core/errors/warning-summary.ts';
import { plural } from '../core/text/plural.ts';
import { buildBudget, type BuildBudget } from './build-budget.ts';
import { BuildLogger } from './build-logger.ts';
import { manifestText } from './build-manifest.ts';
import { buildFingerprint } from './code-fingerprint.ts';
import { outputProblem, publishedFolder, BUILD_MARKER } from './output-guard.ts';
import type { PageJob, PagePlanReport } from './page-job.ts';
import { PROJECT_ROOT } from './project-root.ts';
import {
  BuildLockedError,
  cacheFolderOf,
  cacheFolderOfStaging,
  discard,
  lockOutput,
  OutputChangedError,
  ownBuildsFolder,
  publish,
  stagingFolder,
  UnsafeBuildsFolderError,
} from './publish.ts';
import { readCatalogInWorker, type CatalogReading } from './read-catalog.ts';
import { FILES_PER_SERVER, listingPageCount } from './renderers.ts';
import { runRenderers, type RenderersRun } from './run-renderers.ts';
import { reusePages, type ReusedPages } from './reuse-pages.ts';
import { runWorker } from './run-worker.ts';
import { buildSearchIndex, type SearchIndexResult } from './search-index.ts';
import { writeSecurityHeaders } from './security-headers.ts';
import { formatShard, type Shard } from './shards.ts';

export { PROJECT_ROOT };

export interface BuildOptions {
  catalogDir: string;
  outDir: string;
  /** Render only this slice of the servers (for `merge`). */
  shard?: Shard;
  /** A build to reuse unchanged servers' pages from, instead of the published one (`merge` assembles one from its shards). */
  previousBuild?: string;
  /** Astro processes rendering pages at once (`--jobs`); by default one per core, as memory allows. */
  pageProcesses?: number;
  /** Say only warnings and errors. */
  quiet?: boolean;
}

/** A promise that never rejects: a failure is kept until the build is ready to report it. */
type Settled<T> = T | { error: Error };
const settled = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.catch((error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }));
const failed = <T>(result: Settled<T> | undefined): result is { error: Error } => typeof result === 'object' && result !== null && 'error' in result;

/**
 * Validates the catalog, builds the site into a fresh folder and publishes it to `outDir` only when
 * everything succeeded: a failed build never touches the previous output. Returns the exit code.
 */
export async function runBuild(options: BuildOptions, io: CommandIO): Promise<number> {
  const started = performance.now();
  const log = new BuildLogger(io, { quiet: options.quiet ?? false });
  const outDir = resolve(options.outDir);
  const catalogDir = resolve(options.catalogDir);

  const refused = outputProblem({ out: outDir, catalog: catalogDir, project: PROJECT_ROOT, cwd: io.cwd, home: homedir() });
  if (refused) {
    log.error(`refusing to build into ${outDir}: ${refused}. A build replaces its output folder whole; choose an empty or new folder (e.g. --out dist).`);
    return 2;
  }
  try {
    ownBuildsFolder(outDir);
  } catch (error) {
    if (!(error instanceof UnsafeBuildsFolderError)) throw error;
    log.error(`refusing to build into ${outDir}: ${error.message}.`);
    return 2;
  }

  // The lock comes before anything of the output's is written: a second build of it, refused, must
  // leave the running one's reading of the catalog alone.
  let release: () => void;
  try {
    release = lockOutput(outDir);
  } catch (error) {
    if (!(error instanceof BuildLockedError)) throw error;
    log.error(`${error.message}. Nothing was built.`);
    return 1;
  }
  let snapshot: string | undefined;
  try {
    const staging = stagingFolder(outDir);
    // This build's own copy of the catalog's reading, for its pages and search index (see snapshotCache).
    snapshot = `${staging}.catalog`;
    const cacheFolder = cacheFolderOf(outDir);
    const build: Build = {
      options,
      io,
      log,
      outDir,
      catalogDir,
      staging,
      snapshot,
      started,
      cacheFolder,
      catalogCache: join(cacheFolder, CATALOG_CACHE_NAME),
      fingerprint: buildFingerprint(PROJECT_ROOT, io.env),
    };
    return await buildLocked(build);
  } finally {
    if (snapshot) rmSync(snapshot, { force: true });
    release();
  }
}

/** One build, once it holds the output's lock. */
interface Build {
  options: BuildOptions;
  io: CommandIO;
  log: BuildLogger;
  outDir: string;
  catalogDir: string;
  /** The folder the build is made in, published at the end. */
  staging: string;
  /** The catalog's reading for this build's pages and search index. */
  snapshot: string;
  started: number;
  cacheFolder: string;
  catalogCache: string;
  /** The code, configuration and deployment: the catalog's reading and every server's key depend on it. */
  fingerprint: string;
}

/** The phases of a build: each says what went wrong itself; a build stops at the first that returns an exit code. */
async function buildLocked(build: Build): Promise<number> {
  const checked = await checkCatalog(build);
  if (typeof checked === 'number') return checked;
  const rendering = plan(build, checked);
  let pagesDone = () => {};
  const pagesWritten = new Promise<void>((resolvePromise) => (pagesDone = resolvePromise));
  const indexing = index(build, checked, pagesWritten);
  const rendered = await render(build, rendering).finally(pagesDone);
  if (indexing.running() && rendered.status === 0) build.log.info('the pages are written; finishing the search index…');
  return finish(build, checked, rendered, await indexing.result);
}

/** The catalog as read, checked and classified, and what building it takes. */
interface CheckedCatalog {
  reading: CatalogReading;
  budget: BuildBudget;
}

/**
 * Validates first: one line per problem, naming file and JSON path, before Astro starts. Files
 * unchanged since the last build of this output (and code unchanged) are not read again. A catalog
 * the machine cannot build is refused here too.
 */
async function checkCatalog({ log, outDir, catalogDir, staging, snapshot, cacheFolder, catalogCache, fingerprint }: Build): Promise<CheckedCatalog | number> {
  const problems: string[] = [];
  let reading: CatalogReading | undefined;
  try {
    mkdirSync(cacheFolder, { recursive: true });
    // Under the lock, a batch or partial file beside the cache is a dead build's.
    for (const name of readdirSync(cacheFolder)) if (/\.(batch-\d+|partial)$/.test(name)) rmSync(join(cacheFolder, name), { force: true });
    reading = await readCatalogInWorker(catalogDir, catalogCache, fingerprint);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    problems.push(...error.lines);
  }
  try {
    loadAccuracyFile(catalogDir);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    problems.push(...error.lines);
  }
  if (!reading || problems.length > 0) {
    discard(staging);
    log.error(
      `the catalog has ${plural(problems.length, 'problem')}; nothing was built and ${outDir} is unchanged.`,
      ...problems.map((line) => `  ${line}`),
      ...kindSummary(problems, undefined, 'problems'),
    );
    return 1;
  }
  const { servers, tools, warnings } = reading;
  log.info(`catalog ${catalogDir}: ${plural(servers, 'server')}, ${plural(tools, 'tool')}`);
  if (reading.reused > 0) log.info(`${reading.reused.toLocaleString('en')} unchanged server files taken from the last build's reading`);
  // What MCP clients accept but the spec frowns on is built, and said.
  if (warnings.length > 0) {
    const [first = '', ...rest] = warningLines(warnings, cacheFolder);
    log.warn(first, ...rest);
  }
  const budget = buildBudget(tools, totalmem() / 1024 / 1024, availableParallelism());
  if (!budget.fits) {
    discard(staging);
    log.error(`${budget.message}. Nothing was built and ${outDir} is unchanged.`);
    return 1;
  }
  snapshotCache(catalogCache, snapshot);
  return { reading, budget };
}

/** The warnings to print, each in full; a large catalog's are then summed up by kind, and all written beside the build's cache. */
function warningLines(warnings: readonly string[], cacheFolder: string): string[] {
  if (warnings.length <= WARNINGS_IN_FULL) return warningReport(warnings);
  const fullList = join(cacheFolder, 'warnings.txt');
  writeFileSync(fullList, `${warnings.join('\n')}\n`);
  return warningReport(warnings, fullList);
}

/**
 * Links the catalog's reading for one build: the cache is only ever replaced (assembleCache renames
 * a new file over it), never written in place, so the link keeps this reading whole for the build's
 * pages and search index, whatever happens to the cache meanwhile.
 */
function snapshotCache(cacheFile: string, snapshot: string): void {
  try {
    linkSync(cacheFile, snapshot);
  } catch {
    copyFileSync(cacheFile, snapshot);
  }
}

/** How the pages are rendered: a job per page process, and what to expect of them. */
interface RenderPlan {
  jobs: PageJob[];
  /** The build the pages of unchanged servers are linked from. */
  previousBuild: string | undefined;
  /** About how many pages the build renders, until the first renderer reports its plan. */
  expectedPages: number;
  /** Pages for so many servers and tools: the progress's total, once the plan is known. */
  pagesFor(servers: number, tools: number): number;
  heapLimitMB: number;
  heapGrowingPercent: number | undefined;
}

/**
 * A job per page process: the first renders into the build's folder, the others into folders of
 * their own, linked into the build afterwards (`joinRenderers`).
 */
function plan({ options, staging, snapshot, catalogDir, fingerprint, outDir }: Build, { reading, budget }: CheckedCatalog): RenderPlan {
  const count = Math.max(1, options.pageProcesses ?? budget.pageProcesses);
  // Incremental: servers whose pages the previous build holds with the same key are linked from it.
  const previousBuild = options.previousBuild ?? publishedFolder(outDir);
  const jobs = Array.from({ length: count }, (_, i): PageJob => {
    const folder = rendererFolder(staging, i + 1);
    return {
      catalogDir,
      // The one reading of the catalog this build's pages and search index share (see snapshotCache).
      catalogCache: snapshot,
      fingerprint,
      outDir: folder,
      cacheDir: cacheFolderOfStaging(folder),
      ...(previousBuild ? { previousBuild } : {}),
      ...(options.shard ? { shard: options.shard } : {}),
      renderer: { index: i + 1, count },
    };
  });
  // A page per tool; per server a page, tools.json, flows.json, policy.json and changes.xml; then the browse
  // pages and the static pages, which a shard leaves to `merge`.
  const listingPages = options.shard ? 0 : listingPageCount(reading.servers, reading.tools);
  const pagesFor = (servers: number, tools: number) => tools + FILES_PER_SERVER * servers + listingPages;
  const shards = options.shard?.count ?? 1;
  return {
    jobs,
    previousBuild,
    expectedPages: pagesFor(Math.ceil(reading.servers / shards), Math.ceil(reading.tools / shards)),
    pagesFor,
    heapLimitMB: budget.heapLimitMB,
    heapGrowingPercent: budget.heapGrowingPercent,
  };
}

const rendererFolder = (staging: string, index: number) => (index === 1 ? staging : join(renderersFolder(staging), String(index)));
const renderersFolder = (staging: string) => `${staging}.renderers`;

/** What rendering left in the build's folder. */
interface Rendered {
  /** The page processes' exit: the first that failed, or the first's. */
  status: number | null;
  signal: NodeJS.Signals | null;
  pages: number;
  joined?: Settled<number>;
  reused?: Settled<ReusedPages | undefined>;
  /** Inline script hashes in the CSP (_headers). */
  headers?: Settled<number>;
}

/**
 * Renders the pages in the page processes while the pages of unchanged servers are linked in, joins
 * what the processes rendered into the build's folder, writes the build's manifest, and once every
 * page is in place the CSP headers, which list the hashes of the site's inline scripts.
 */
async function render(
  { options, io, log, staging }: Build,
  { jobs, previousBuild, expectedPages, pagesFor, heapLimitMB, heapGrowingPercent }: RenderPlan,
): Promise<Rendered> {
  if (jobs.length > 1) log.info(`rendering pages in ${jobs.length} processes`);
  log.expectPages(expectedPages);
  let reportPlan: (report: PagePlanReport | undefined) => void = () => {};
  const planReported = new Promise<PagePlanReport | undefined>((resolvePromise) => (reportPlan = resolvePromise));
  const reused = settled(
    reusePages(
      staging,
      previousBuild,
      options.shard,
      planReported.then((report) => report?.manifest),
    ),
  );
  const renderStarted = performance.now();
  const run: RenderersRun = await runRenderers(jobs, {
    io,
    log,
    heapLimitMB,
    heapGrowingPercent,
    onPlan: (report) => {
      log.info(planLine(report));
      log.expectPages(pagesFor(report.servers.planned, report.tools));
      reportPlan(report);
    },
  }).finally(() => reportPlan(undefined));
  const report = await planReported;
  const ok = run.status === 0;
  const joined = ok
    ? await settled(
        joinRenderers(
          jobs.slice(1).map((job) => job.outDir),
          staging,
        ),
      )
    : undefined;
  rmSync(renderersFolder(staging), { recursive: true, force: true });
  const pages = log.finishProgress();
  if (ok) log.info(`rendered ${plural(pages, 'page')} in ${((performance.now() - renderStarted) / 1000).toFixed(1)} s`);
  const linked = await reused;
  const pagesInPlace = ok && !failed(joined) && !failed(linked);
  // The next build reads which servers this one holds, and their keys, from the manifest.
  if (pagesInPlace && report?.manifest) writeFileSync(join(staging, BUILD_MARKER), manifestText(report.manifest));
  const headers = pagesInPlace ? await settled(writeSecurityHeaders(staging, io.env.BASE_PATH ?? '/')) : undefined;
  return {
    status: run.status,
    signal: run.signal,
    pages,
    ...(joined !== undefined ? { joined } : {}),
    reused: linked,
    ...(headers !== undefined ? { headers } : {}),
  };
}

/** What the first renderer's plan says: the others are unchanged or rendered by other shards. */
const planLine = ({ servers, tools }: PagePlanReport): string =>
  `pages to render: ${servers.planned.toLocaleString('en')} of ${servers.of.toLocaleString('en')} servers (${plural(tools, 'tool')})${servers.planned < servers.of ? '; the others are unchanged or in other shards' : ''}`;

/**
 * Links what the other page processes rendered into the build, in a worker thread: every file the
 * build lacks (the static pages, which every process writes the same, are the first's).
 */
async function joinRenderers(folders: string[], site: string): Promise<number> {
  let files = 0;
  for (const folder of folders)
    if (existsSync(folder))
      files += await runWorker<number>(new URL('./link-worker.ts', import.meta.url), { previous: folder, site }, 'joining page processes');
  return files;
}

/** The search index of a build: made from the catalog, beside the pages; a shard has none (`merge` makes it). */
interface Indexing {
  running(): boolean;
  result: Promise<Settled<SearchIndexResult> | undefined>;
}

function index({ options, log, staging, snapshot, fingerprint }: Build, { budget }: CheckedCatalog, pagesWritten: Promise<void>): Indexing {
  if (options.shard) return { running: () => false, result: Promise.resolve(undefined) };
  let running = true;
  if (budget.searchAfterPages) log.info(`a large build for this machine's memory: the search index is written after the pages, not beside them`);
  const result = settled(buildSearchIndex(snapshot, fingerprint, searchFolder(staging), budget.searchAfterPages ? pagesWritten : undefined)).finally(
    () => (running = false),
  );
  return { running: () => running, result };
}

const searchFolder = (staging: string) => `${staging}.search`;

/** Says how the build went and publishes it, or discards it; the exit code. */
function finish(
  { options, log, outDir, staging, started }: Build,
  { reading, budget }: CheckedCatalog,
  rendered: Rendered,
  indexed: Settled<SearchIndexResult> | undefined,
): number {
  const fail = (...lines: string[]) => {
    discard(staging);
    discard(searchFolder(staging));
    for (const line of lines) log.error(line);
  };
  if (rendered.status !== 0) {
    const outOfMemory = rendered.signal === 'SIGABRT' || rendered.signal === 'SIGKILL' || rendered.status === 134 || rendered.status === 137;
    fail(
      ...(outOfMemory
        ? [`the build ran out of memory (limit ${budget.heapLimitMB} MB for ${reading.tools} tools); build on a larger machine or split the catalog.`]
        : []),
      `the build failed; ${outDir} is unchanged.`,
    );
    return rendered.status ?? 1;
  }
  const failure =
    (failed(indexed) ? `the search index failed: ${indexed.error.message}` : undefined) ??
    (failed(rendered.reused) ? `reusing unchanged pages failed: ${rendered.reused.error.message}` : undefined) ??
    (failed(rendered.joined) ? `joining the page processes' output failed: ${rendered.joined.error.message}` : undefined) ??
    (failed(rendered.headers) ? rendered.headers.error.message : undefined);
  if (failure) {
    fail(failure, `the build failed; ${outDir} is unchanged.`);
    return 1;
  }
  const reused = failed(rendered.reused) ? undefined : rendered.reused;
  if (reused) {
    const held = options.shard ? `shard ${formatShard(options.shard)}: ${reused.servers} of ${reading.servers} servers` : `${reading.servers} servers`;
    log.info(`rendered ${reused.servers - reused.reused} of ${held}; reused ${reused.reused} unchanged (${reused.files} files linked)`);
  }
  if (typeof rendered.headers === 'number') log.info(`_headers written: ${plural(rendered.headers, 'inline script hash', 'inline script hashes')} in the CSP`);
  if (indexed && !failed(indexed)) {
    renameSync(searchFolder(staging), join(staging, 'pagefind'));
    log.info(
      `indexed ${plural(indexed.documents, 'server document')} (${plural(indexed.tools, 'tool')}) in ${indexed.seconds.toFixed(1)} s, ${budget.searchAfterPages ? 'written after the pages' : 'beside the pages'}`,
    );
  }
  try {
    publish(outDir, staging);
  } catch (error) {
    if (!(error instanceof OutputChangedError || error instanceof UnsafeBuildsFolderError)) throw error;
    discard(staging);
    log.error(`${error.message}; nothing was published and ${outDir} is unchanged.`);
    return 2;
  }
  log.info(`built ${outDir} (${rendered.pages.toLocaleString('en')} pages) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
}
