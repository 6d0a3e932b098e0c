import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createRequire } from 'node:module';
import { availableParallelism, homedir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { CommandIO } from '../cli/io.ts';
import { fileURLToPath } from 'node:url';
import { loadAccuracyFile } from './catalog/accuracy-file.ts';
import { buildBudget } from '../core/catalog/build-budget.ts';
import { CATALOG_CACHE_NAME } from './catalog/catalog-cache.ts';
import { formatShard, type Shard } from '../core/catalog/shards.ts';
import { FILES_PER_SERVER, listingPageCount } from '../core/catalog/page-parts.ts';
import { readCatalogInWorker, type CatalogReading } from './read-catalog.ts';
import { reusePages } from './reuse-pages.ts';
import { runWorker } from './run-worker.ts';
import { writeSecurityHeaders } from './security-headers.ts';
import { DataError } from '../core/errors/friendly.ts';
import { WARNINGS_IN_FULL, kindSummary, warningReport } from '../core/errors/warning-summary.ts';
import { buildSalt } from './code-fingerprint.ts';
import { outputProblem, publishedFolder } from './output-guard.ts';
import { BuildProgress } from './progress.ts';
import { scratchFolder } from './scratch-folder.ts';
import { buildSearchIndex } from './search-index.ts';
import { BuildLockedError, cacheFolderOf, discard, lockOutput, OutputChangedError, ownBuildsFolder, publish, stagingFolder, UnsafeBuildsFolderError } from './publish.ts';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface BuildOptions {
  catalogDir: string;
  outDir: string;
  /** Environment for Astro (SITE_URL, BASE_PATH…); defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Render only this slice of the servers (for `merge`). */
  shard?: Shard;
  /** A build to reuse unchanged servers' pages from, instead of the published one (`merge` assembles one from its shards). */
  previousBuild?: string;
  /** Astro processes rendering pages at once (`--jobs`); by default one per core, as memory allows. */
  pageProcesses?: number;
}


const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The warnings to print, each in full; a large catalog's are then summed up by kind, and all written beside the build's cache. */
function warningLines(warnings: readonly string[], cacheFolder: string): string[] {
  if (warnings.length <= WARNINGS_IN_FULL) return warningReport(warnings);
  const fullList = join(cacheFolder, 'warnings.txt');
  writeFileSync(fullList, `${warnings.join('\n')}\n`);
  return warningReport(warnings, fullList);
}

/**
 * Validates the catalog, builds the site into a fresh folder and publishes it to `outDir` only when
 * everything succeeded: a failed build never touches the previous output. Returns the exit code.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- the command's IO, taken now; the build still writes to the process until its output moves onto it
export async function runBuild(options: BuildOptions, io: CommandIO): Promise<number> {
  const started = performance.now();
  const outDir = resolve(options.outDir);
  const catalogDir = resolve(options.catalogDir);
  const env = options.env ?? process.env;

  const refused = outputProblem({ out: outDir, catalog: catalogDir, project: PROJECT_ROOT, cwd: process.cwd(), home: homedir() });
  if (refused) {
    console.error(`policy-atlas: refusing to build into ${outDir}: ${refused}. A build replaces its output folder whole; choose an empty or new folder (e.g. --out dist).`);
    return 2;
  }
  try {
    ownBuildsFolder(outDir);
  } catch (error) {
    if (!(error instanceof UnsafeBuildsFolderError)) throw error;
    console.error(`policy-atlas: refusing to build into ${outDir}: ${error.message}.`);
    return 2;
  }

  // The lock comes before anything of the output's is written: a second build of it, refused, must
  // leave the running one's reading of the catalog alone.
  let release: () => void;
  try {
    release = lockOutput(outDir);
  } catch (error) {
    if (!(error instanceof BuildLockedError)) throw error;
    console.error(`policy-atlas: ${error.message}. Nothing was built.`);
    return 1;
  }
  let snapshot: string | undefined;
  try {
    const staging = stagingFolder(outDir);
    // This build's own copy of the catalog's reading, for its pages and search index (see snapshotCache).
    snapshot = `${staging}.catalog`;
    return await buildLocked(options, { outDir, catalogDir, env, staging, snapshot, started });
  } finally {
    if (snapshot) rmSync(snapshot, { force: true });
    release();
  }
}

interface LockedBuild {
  outDir: string;
  catalogDir: string;
  env: NodeJS.ProcessEnv;
  staging: string;
  snapshot: string;
  started: number;
}

/** The build, once it holds the output's lock: reads the catalog, renders into `staging` and publishes it. */
async function buildLocked(options: BuildOptions, { outDir, catalogDir, env, staging, snapshot, started }: LockedBuild): Promise<number> {
  // Validate first: one line per problem, naming file and JSON path, before Astro starts. Files
  // unchanged since the last build of this output (and code unchanged) are not read again.
  const problems: string[] = [];
  const salt = buildSalt(PROJECT_ROOT, env);
  const cacheFolder = cacheFolderOf(outDir);
  const catalogCache = join(cacheFolder, CATALOG_CACHE_NAME);
  let reading: CatalogReading | undefined;
  try {
    mkdirSync(cacheFolder, { recursive: true });
    // Under the lock, a part or partial file beside the cache is a dead build's.
    for (const name of readdirSync(cacheFolder)) if (/\.(part-\d+|partial)$/.test(name)) rmSync(join(cacheFolder, name), { force: true });
    reading = await readCatalogInWorker(catalogDir, catalogCache, salt);
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
    console.error(`policy-atlas: the catalog has ${plural(problems.length, 'problem')}; nothing was built and ${outDir} is unchanged.`);
    for (const line of problems) console.error(`  ${line}`);
    for (const line of kindSummary(problems, undefined, 'problems')) console.error(line);
    return 1;
  }
  const { servers: serverCount, tools: toolCount, warnings } = reading;
  console.log(`policy-atlas: catalog ${catalogDir}: ${plural(serverCount, 'server')}, ${plural(toolCount, 'tool')}`);
  if (reading.reused > 0) console.log(`policy-atlas: ${reading.reused.toLocaleString('en')} unchanged server files taken from the last build's reading`);
  // What MCP clients accept but the spec frowns on is built, and said.
  if (warnings.length > 0) console.warn(warningLines(warnings, cacheFolder).map((line, i) => (i === 0 ? `policy-atlas: ${line}` : line)).join('\n'));

  const budget = buildBudget(toolCount, totalmem() / 1024 / 1024, availableParallelism());
  if (!budget.fits) {
    discard(staging);
    console.error(`policy-atlas: ${budget.message}. Nothing was built and ${outDir} is unchanged.`);
    return 1;
  }
  snapshotCache(catalogCache, snapshot);

  const parts = Math.max(1, options.pageProcesses ?? budget.pageProcesses);
  // Pages of the second part on are rendered into folders of their own, then linked into the build.
  const partsFolder = `${staging}.parts`;
  const partFolder = (index: number) => (index === 1 ? staging : join(partsFolder, String(index)));
  // The search index is made from the catalog, beside the pages; a shard has none (`merge` makes it).
  const searchFolder = `${staging}.search`;
  let searchDone = false;
  let pagesDone = () => {};
  const pagesWritten = budget.searchAfterPages ? new Promise<void>((resolvePromise) => (pagesDone = resolvePromise)) : undefined;
  const search = options.shard ? undefined : settled(buildSearchIndex(snapshot, salt, searchFolder, pagesWritten)).finally(() => (searchDone = true));
  if (search && pagesWritten) console.log(`policy-atlas: a large build for this machine's memory: the search index is written after the pages, not beside them`);
  if (parts > 1) console.log(`policy-atlas: rendering pages in ${parts} processes`);
  // Incremental: servers whose pages the previous build holds with the same key are linked from it.
  const previousBuild = options.previousBuild ?? publishedFolder(outDir);
  const reuse = reusePages(staging, previousBuild, options.shard);
  const astroBin = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
  // A page per tool; per server a page, tools.json, flows.json, policy.json and changes.xml; then the browse
  // pages and the static pages, which a shard leaves to `merge`.
  const browsePages = options.shard ? 0 : listingPageCount(serverCount, toolCount);
  const pagesFor = (servers: number, tools: number) => tools + FILES_PER_SERVER * servers + browsePages;
  const progress = new BuildProgress({
    expectedPages: pagesFor(Math.ceil(serverCount / (options.shard?.count ?? 1)), Math.ceil(toolCount / (options.shard?.count ?? 1))),
    pagesFor,
    interactive: Boolean(process.stdout.isTTY),
    write: (text) => process.stdout.write(text),
  });
  const astroEnv = (part: number): NodeJS.ProcessEnv => ({
    ...env,
    // The one output path: Astro's cache folder (with the catalog as read and classified above,
    // which the pages start from) is beside it (cacheFolderOfStaging).
    ATLAS_OUT_DIR: partFolder(part),
    ATLAS_CATALOG_CACHE: catalogCache,
    ATLAS_PAGE_PART: parts > 1 ? formatShard({ index: part, count: parts }) : '',
    ATLAS_BUILD_SALT: salt,
    ATLAS_PREVIOUS_BUILD: previousBuild ?? '',
    ATLAS_SHARD: options.shard ? formatShard(options.shard) : '',
    CATALOG_DIR: catalogDir,
    // V8's default heap limit is below what a large catalog needs; give it what the budget allows.
    // A larger young generation lets a page's short-lived strings die young instead of being
    // promoted beside the catalog and collected by full GCs (50k tools: 152 -> 143 s cold).
    NODE_OPTIONS: `${env.NODE_OPTIONS ?? ''} --max-old-space-size=${budget.heapLimitMB} --max-semi-space-size=64`.trim(),
    // Astro's own colours, when the build's output is a terminal.
    ...(process.stdout.isTTY ? { FORCE_COLOR: '1' } : {}),
  });
  const partNumbers = Array.from({ length: parts }, (_, i) => i + 1);
  // NODE_OPTIONS does not take this V8 flag, so it is an argument of each page process.
  const v8Flags = budget.heapGrowingPercent ? [`--heap-growing-percent=${budget.heapGrowingPercent}`] : [];
  const results = await Promise.all(partNumbers.map((part) => runAstro(astroBin, v8Flags, astroEnv(part), progress, part === 1))).finally(pagesDone);
  const result = results.find((one) => one.status !== 0) ?? results[0]!;
  const joined = result.status === 0 ? await settled(joinParts(partNumbers.slice(1).map(partFolder), staging)) : undefined;
  rmSync(partsFolder, { recursive: true, force: true });
  const pages = progress.finish();
  const reused = await settled(reuse.finish());
  const pagesInPlace = result.status === 0 && !(typeof joined === 'object' && 'error' in joined) && !(reused && 'error' in reused);
  // Once every page is in place, while the index may still be written: the CSP lists the hashes of the site's inline scripts.
  const headers = pagesInPlace ? await settled(writeSecurityHeaders(staging, env.BASE_PATH ?? '/')) : undefined;
  if (search && !searchDone && result.status === 0) console.log('policy-atlas: the pages are written; finishing the search index…');
  const indexed = await search;
  if (result.status !== 0) {
    discard(staging);
    discard(searchFolder);
    const outOfMemory = result.signal === 'SIGABRT' || result.signal === 'SIGKILL' || result.status === 134 || result.status === 137;
    if (outOfMemory) console.error(`policy-atlas: the build ran out of memory (limit ${budget.heapLimitMB} MB for ${toolCount} tools); build on a larger machine or split the catalog.`);
    console.error(`policy-atlas: the build failed; ${outDir} is unchanged.`);
    return result.status ?? 1;
  }
  const failure =
    (indexed && 'error' in indexed ? `the search index failed: ${indexed.error.message}` : undefined) ??
    (reused && 'error' in reused ? `reusing unchanged pages failed: ${reused.error.message}` : undefined) ??
    (typeof joined === 'object' && 'error' in joined ? `joining the page processes' output failed: ${joined.error.message}` : undefined) ??
    (typeof headers === 'object' && 'error' in headers ? headers.error.message : undefined);
  if (failure) {
    discard(staging);
    discard(searchFolder);
    console.error(`policy-atlas: ${failure}\npolicy-atlas: the build failed; ${outDir} is unchanged.`);
    return 1;
  }
  if (reused && !('error' in reused)) {
    const held = options.shard ? `shard ${formatShard(options.shard)}: ${reused.servers} of ${serverCount} servers` : `${serverCount} servers`;
    console.log(`policy-atlas: rendered ${reused.servers - reused.reused} of ${held}; reused ${reused.reused} unchanged (${reused.files} files linked)`);
  }
  if (typeof headers === 'number') console.log(`policy-atlas: _headers written: ${headers} inline script hash${headers === 1 ? '' : 'es'} in the CSP`);
  if (indexed && !('error' in indexed)) {
    renameSync(searchFolder, join(staging, 'pagefind'));
    console.log(`policy-atlas: indexed ${plural(indexed.documents, 'server document')} (${plural(indexed.tools, 'tool')}) in ${indexed.seconds.toFixed(1)} s, ${pagesWritten ? 'written after the pages' : 'beside the pages'}`);
  }
  try {
    publish(outDir, staging);
  } catch (error) {
    if (!(error instanceof OutputChangedError || error instanceof UnsafeBuildsFolderError)) throw error;
    discard(staging);
    console.error(`policy-atlas: ${error.message}; nothing was published and ${outDir} is unchanged.`);
    return 2;
  }
  console.log(`policy-atlas: built ${outDir} (${pages.toLocaleString('en')} pages) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return 0;
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

/** Node refuses --cpu-prof in NODE_OPTIONS; ATLAS_PROFILE_DIR=<dir> writes each page process's CPU profile there. */
const profileArgs = (env: NodeJS.ProcessEnv): string[] => (env.ATLAS_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(env.ATLAS_PROFILE_DIR)}`] : []);

/** A promise that never rejects: a failure is kept until the build is ready to report it. */
const settled = <T>(promise: Promise<T>): Promise<T | { error: Error }> => promise.catch((error: unknown) => ({ error: error instanceof Error ? error : new Error(String(error)) }));

/**
 * Runs `astro build`, its output through the progress display. Astro writes its scratch files
 * (the prerender bundle, which imports the checkout's packages) under `.astro/` of its working
 * directory when the output folder is outside it; two builds at once from one checkout deleted
 * each other's there. So each build runs in a folder of its own inside the checkout, named by its
 * process: a build killed with -9 leaves its folder, and the next build removes it. Of the other
 * page processes only page counts, warnings and errors are shown: their phases repeat the first's.
 */
function runAstro(astroBin: string, v8Flags: string[], env: NodeJS.ProcessEnv, progress: BuildProgress, first: boolean): Promise<{ status: number | null; signal: NodeJS.Signals | null }> {
  const scratch = scratchFolder(join(PROJECT_ROOT, '.astro'), 'build-');
  return new Promise<{ status: number | null; signal: NodeJS.Signals | null }>((resolvePromise, reject) => {
    const child = spawn(process.execPath, [...profileArgs(env), ...v8Flags, astroBin, 'build', '--root', PROJECT_ROOT], { cwd: scratch, env, stdio: ['ignore', 'pipe', 'pipe'] });
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (first) progress.line(line);
      else if (!progress.countPages(line, PART_PAGE) && /\b(warn|warning|error)\b/i.test(line)) progress.line(line);
    });
    createInterface({ input: child.stderr }).on('line', (line) => progress.line(line, (text) => process.stderr.write(text)));
    child.on('error', reject);
    child.on('close', (status, signal) => resolvePromise({ status, signal }));
  }).finally(() => rmSync(scratch, { recursive: true, force: true }));
}

/** The pages the build keeps from its other page processes: servers' folders and listing pages. */
const PART_PAGE = /\/(?:servers\/[^/]+\/|risk\/[^/]+\/|categories\/[^/]+\/|sitemap-\d+\.xml)/;

/**
 * Links what the other page processes rendered into the build, in a worker thread: every file the
 * build lacks (the static pages, which every process writes the same, are the first's).
 */
async function joinParts(folders: string[], site: string): Promise<number> {
  let files = 0;
  for (const folder of folders) if (existsSync(folder)) files += await runWorker<number>(new URL('./link-worker.ts', import.meta.url), { previous: folder, site }, 'joining page processes');
  return files;
}
