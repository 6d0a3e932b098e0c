// Builds synthetic catalogs of the given sizes and measures time, memory, output and search costs:
// npm run bench -- --tools 1000,10000,50000 [--out bench-results.json] [--seed 1] [--keep]
// npm run bench -- --history-heavy: only the time one 24 MB history-heavy server file costs (no build)
// npm run bench -- --test-suite [--steps unit,site] [--out bench-test-suite.json]: the steps of `npm test`, each timed
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scriptArgs } from './script-args.ts';
import { generateCatalog, type SyntheticServer } from './bench/generate-catalog.ts';
import { launchChromium } from '../tests/support/browser.ts';
import { parseBuildLog } from './bench/build-log.ts';
import { measureDist } from './bench/dist-stats.ts';
import { measurePageScripts } from './bench/page-scripts.ts';
import { measureQueryBytes, type QueryBytes } from './bench/query-bytes.ts';
import { requireGnuTime, runBuild } from './bench/run-build.ts';
import { round, toMB } from './bench/stats.ts';
import { formatCount, formatTable } from './bench/table.ts';
import { writeCatalog } from './bench/write-catalog.ts';
import { changeServers, treeDifferences } from './bench/incremental.ts';
import { benchHistoryHeavy } from './bench/history-heavy.ts';
import { benchTestSuite, SUITE_STEPS } from './bench/test-suite.ts';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const stepIds = SUITE_STEPS.map((step) => step.id);
const usage = `usage: npm run bench -- --tools 1000,10000,50000 [--out bench-results.json] [--seed 1] [--keep] | --history-heavy | --test-suite [--steps ${stepIds.join(',')}] [--out bench-test-suite.json]`;
const values = scriptArgs('bench', usage, {
  tools: { type: 'string', default: '1000' },
  out: { type: 'string' },
  seed: { type: 'string', default: '1' },
  keep: { type: 'boolean', default: false },
  'history-heavy': { type: 'boolean', default: false },
  'test-suite': { type: 'boolean', default: false },
  steps: { type: 'string', default: stepIds.join(',') },
});
const resultsFile = (fallback: string) => resolve(process.env.INIT_CWD ?? process.cwd(), values.out ?? fallback);
if (values['test-suite']) {
  const steps = values.steps.split(',').map((s) => s.trim());
  const unknown = steps.filter((s) => !stepIds.includes(s));
  if (unknown.length > 0) {
    console.error(`bench: no step ${unknown.join(', ')}; the steps are ${stepIds.join(', ')}\n${usage}`);
    process.exit(2);
  }
  const outFile = resultsFile('bench-test-suite.json');
  writeFileSync(outFile, `${JSON.stringify(await benchTestSuite(root, steps), null, 2)}\n`);
  console.log(`\nbench: wrote ${outFile}`);
  process.exit(0);
}
if (values['history-heavy']) {
  // Diff work per tool page, feed and check is budgeted (core/history/text-diff.ts): this shows what it costs.
  benchHistoryHeavy();
  process.exit(0);
}
const sizes = values.tools.split(',').map((s) => Number(s.trim()));
const seed = Number(values.seed);
if (sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(seed)) {
  console.error(usage);
  process.exit(2);
}
const outFile = resultsFile('bench-results.json');
requireGnuTime();
// The queries are measured in Chromium after a build of tens of minutes: find out now that it starts.
await launchChromium().then(
  (browser) => browser.close(),
  (error: unknown) => {
    console.error(
      `bench: Chromium does not start (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); run bash scripts/ensure-chromium.sh or set CHROMIUM_PATH`,
    );
    process.exit(1);
  },
);

/**
 * The three kinds of search a visitor makes, as /search/ query strings: an exact tool name from the
 * middle of the catalog, two words from a description there, and one word narrowed by a level.
 */
function pickQueries(servers: readonly SyntheticServer[]): Record<'exactName' | 'words' | 'filtered', string> {
  const tools = servers.flatMap((s) => s.data.tools);
  const middle = tools.slice(Math.floor(tools.length / 2));
  const plain = (n: string) => /^[A-Za-z][A-Za-z0-9_.-]+$/.test(n);
  const name = middle.find((t) => plain(t.name))?.name ?? tools[0]!.name;
  const words = (middle.find((t) => (t.description ?? '').split(/\W+/).filter((w) => w.length >= 5).length >= 2)?.description ?? 'list files')
    .split(/\W+/)
    .filter((w) => w.length >= 5)
    .slice(0, 2);
  const q = (text: string) => `q=${encodeURIComponent(text)}`;
  return { exactName: q(name), words: q(words.join(' ')), filtered: `${q(words[0]!)}&level=high` };
}

async function benchOne(tools: number) {
  const work = mkdtempSync(join(tmpdir(), `policy-atlas-bench-${tools}-`));
  const catalogDir = join(work, 'catalog');
  const dist = join(work, 'dist');
  try {
    console.log(`\nbench: ${formatCount(tools)} tools in ${work}`);
    const servers = generateCatalog({ tools, seed });
    const written = writeCatalog(catalogDir, servers);
    const queries = pickQueries(servers);
    const build = await runBuild(root, work, catalogDir, dist);
    const { log, time } = build;
    const logged = parseBuildLog(log);
    console.log('bench: measuring the output…');
    const site = measureDist(dist);
    const scripts = measurePageScripts(dist, site.toolPages.medianPage);
    const browser = await launchChromium();
    const search: Record<string, QueryBytes> = {};
    try {
      for (const [kind, query] of Object.entries(queries)) {
        console.log(`bench: searching /search/?${query} in Chromium…`);
        search[kind] = await measureQueryBytes(browser, dist, query);
      }
    } finally {
      await browser.close();
    }
    // Incremental: 1% of the servers change, the same dist/ is rebuilt, and must equal a cold build.
    const changed = changeServers(catalogDir, servers, 0.01);
    console.log(`bench: ${changed.length} servers changed; rebuilding incrementally…`);
    const incremental = await runBuild(root, work, catalogDir, dist);
    console.log('bench: a cold build of the changed catalog, to compare…');
    const coldDist = join(work, 'cold');
    await runBuild(root, work, catalogDir, coldDist);
    const differences = treeDifferences(dist, coldDist);
    if (differences.length > 0)
      console.log(`bench: the incremental build differs from the cold one in ${differences.length} files, e.g. ${differences.slice(0, 5).join(', ')}`);
    return {
      tools,
      servers: written.servers,
      catalogMB: round(toMB(written.bytes)),
      pages: site.htmlPages,
      toolPages: site.toolPages.count,
      astroPagesLogged: logged.astroPages,
      astroBuildSeconds: logged.astroSeconds,
      indexSeconds: logged.indexSeconds,
      totalSeconds: round(time.elapsedSeconds),
      cpuSeconds: round(time.userSeconds + time.systemSeconds),
      pagesPerSecond: round(site.htmlPages / time.elapsedSeconds, 1),
      msPerPage: round((time.elapsedSeconds * 1000) / site.htmlPages),
      peakRssMB: round(time.maxRssKb / 1024),
      treePeakRssMB: round(build.treePeakRssKb / 1024),
      dist: {
        MB: round(toMB(site.bytes)),
        diskMB: round(toMB(site.diskBytes)),
        files: site.files,
        bytesPerTool: Math.round(site.bytes / Math.max(1, site.toolPages.count)),
      },
      largestPage: site.largestPage,
      toolPage: site.toolPages,
      toolPageScripts: { page: site.toolPages.medianPage, ...scripts },
      searchIndex: { MB: round(toMB(site.searchIndex.bytes)), bytes: site.searchIndex.bytes, files: site.searchIndex.files },
      query: search,
      incremental: {
        changedServers: changed.length,
        seconds: round(incremental.time.elapsedSeconds),
        peakRssMB: round(incremental.time.maxRssKb / 1024),
        identicalToCold: differences.length === 0,
        differingFiles: differences.length,
      },
      ...(values.keep ? { workDir: work } : {}),
    };
  } finally {
    if (!values.keep) rmSync(work, { recursive: true, force: true });
  }
}

type Run = Awaited<ReturnType<typeof benchOne>>;
const kb = (bytes: number) => (bytes / 1024).toFixed(1);
const ROWS: [string, (r: Run) => string][] = [
  ['tools', (r) => formatCount(r.tools)],
  ['servers', (r) => formatCount(r.servers)],
  ['pages (.html)', (r) => formatCount(r.pages)],
  ['astro build s', (r) => r.astroBuildSeconds.toFixed(1)],
  ['pagefind index s (beside astro)', (r) => r.indexSeconds.toFixed(1)],
  ['total s (wall)', (r) => r.totalSeconds.toFixed(1)],
  ['pages per second (total)', (r) => r.pagesPerSecond.toFixed(1)],
  ['ms per page (total)', (r) => r.msPerPage.toFixed(1)],
  ['peak RSS MB (largest process)', (r) => r.peakRssMB.toFixed(0)],
  ['peak RSS MB (whole tree, sampled)', (r) => r.treePeakRssMB.toFixed(0)],
  ['dist MB', (r) => r.dist.MB.toFixed(1)],
  ['dist MB on disk (4 KB blocks)', (r) => r.dist.diskMB.toFixed(1)],
  ['dist bytes per tool', (r) => formatCount(r.dist.bytesPerTool)],
  ['dist files', (r) => formatCount(r.dist.files)],
  ['largest page KB (any kind)', (r) => kb(r.largestPage.bytes)],
  ['tool page median KB', (r) => kb(r.toolPage.medianBytes)],
  ['tool page median KB gzip', (r) => kb(r.toolPage.medianGzipBytes)],
  ['tool page max KB', (r) => kb(r.toolPage.maxBytes)],
  ['tool page max KB gzip', (r) => kb(r.toolPage.maxGzipBytes)],
  ['JS per tool page KB', (r) => kb(r.toolPageScripts.bytes)],
  ['JS per tool page KB gzip', (r) => kb(r.toolPageScripts.gzipBytes)],
  ['search index MB', (r) => r.searchIndex.MB.toFixed(1)],
  ['search index files', (r) => formatCount(r.searchIndex.files)],
  ['query KB: exact name', (r) => kb(r.query.exactName!.bytes)],
  ['query KB: two words', (r) => kb(r.query.words!.bytes)],
  ['query KB: word + level filter', (r) => kb(r.query.filtered!.bytes)],
  ['query requests (exact name)', (r) => formatCount(r.query.exactName!.requests)],
  ['rebuild after 1% changed s', (r) => r.incremental.seconds.toFixed(1)],
  ['rebuild identical to cold', (r) => (r.incremental.identicalToCold ? 'yes' : `no (${r.incremental.differingFiles} files)`)],
];

const runs: Run[] = [];
const report = () => ({
  generatedAt: new Date().toISOString(),
  seed,
  machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', memoryMB: Math.round(totalmem() / 1024 / 1024), node: process.version },
  notes: [
    'peakRssMB: GNU time -v "Maximum resident set size" of the build: the largest single process in the tree (astro build or the pagefind binary), not their sum.',
    "treePeakRssMB: the largest sum of RSS over the build's whole process tree at one moment, sampled from /proc every 250 ms.",
    'astroBuildSeconds: the build\'s "rendered N pages in X s", from starting the page processes until the last exits. indexSeconds: the Pagefind index, made from the catalog in a worker thread while the pages render.',
    'totalSeconds: wall clock of node scripts/build.mjs (validation, astro build beside the search index, swap; the replaced build is deleted in the background after).',
    "dist: MB is the sum of apparent file sizes (MiB); diskMB what the files take in 4 KB blocks; bytesPerTool the apparent bytes over the tool pages' count.",
    'toolPage: servers/*/*/index.html; median is the lower median, gzip is zlib.gzipSync at the default level.',
    'toolPageScripts: inline scripts plus <script src>/modulepreload files of the median tool page and the chunks they import statically.',
    "query: response bodies plus headers (Playwright request.sizes(), which sees the Pagefind Web Worker's fetches) of /pagefind/ requests when opening /search/?<query> (an exact tool name, two description words, a word with level=high), until the network is quiet; text files (Pagefind's JS, pages) are sent gzipped as static hosts do; Pagefind's index, fragment and wasm files are gzipped on disk and sent as stored.",
  ],
  runs,
});
for (const tools of sizes) {
  runs.push(await benchOne(tools));
  writeFileSync(outFile, `${JSON.stringify(report(), null, 2)}\n`);
}
console.log(
  `\n${formatTable(
    ['', ...runs.map((r) => `${formatCount(r.tools)} tools`)],
    ROWS.map(([label, cell]) => [label, ...runs.map(cell)]),
  )}`,
);
for (const r of runs)
  for (const q of Object.values(r.query))
    console.log(`query ?${q.query} (${formatCount(r.tools)} tools): ${q.results} results; bytes by kind ${JSON.stringify(q.byKind)}`);
console.log(`\nbench: wrote ${outFile}`);
