// Builds the site into a temporary folder and swaps it into dist/ only when everything succeeded,
// so a failed build never touches the previous good dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { DataError } from '../src/core/errors/friendly.ts';
import { loadCatalogDir } from '../src/core/catalog/load.ts';
import { buildBudget } from '../src/core/catalog/build-budget.ts';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const outDir = resolve(root, process.env.OUT_DIR ?? 'dist');
const catalogDir = resolve(process.env.CATALOG_DIR ?? join(root, 'data'));
const started = performance.now();

// Validate first: one line per problem, naming file and JSON path, before Astro starts.
let toolCount = 0;
try {
  const servers = loadCatalogDir(catalogDir);
  toolCount = servers.reduce((n, s) => n + s.data.tools.length, 0);
  console.log(`policy-atlas: catalog ${catalogDir}: ${servers.length} servers, ${toolCount} tools`);
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(`policy-atlas: the catalog has ${error.lines.length} problem${error.lines.length === 1 ? '' : 's'}; nothing was built and ${outDir} is unchanged.`);
  for (const line of error.lines) console.error(`  ${line}`);
  process.exit(1);
}

const budget = buildBudget(toolCount, totalmem() / 1024 / 1024);
if (!budget.fits) {
  console.error(`policy-atlas: ${budget.message}. Nothing was built and ${outDir} is unchanged.`);
  process.exit(1);
}

const staging = `${outDir}.staging-${process.pid}`;
const astroBin = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
const result = spawnSync(process.execPath, [astroBin, 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    ATLAS_OUT_DIR: staging,
    CATALOG_DIR: catalogDir,
    // V8's default heap limit is below what a large catalog needs; give it what the budget allows.
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --max-old-space-size=${budget.heapLimitMB}`.trim(),
  },
});
if (result.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  const outOfMemory = result.signal === 'SIGABRT' || result.signal === 'SIGKILL' || result.status === 134 || result.status === 137;
  if (outOfMemory) console.error(`policy-atlas: the build ran out of memory (limit ${budget.heapLimitMB} MB for ${toolCount} tools); build on a larger machine or split the catalog.`);
  console.error(`policy-atlas: the build failed; ${outDir} is unchanged.`);
  process.exit(result.status ?? 1);
}

const previous = `${outDir}.previous-${process.pid}`;
if (existsSync(outDir)) renameSync(outDir, previous);
renameSync(staging, outDir);
rmSync(previous, { recursive: true, force: true });
console.log(`policy-atlas: built ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
