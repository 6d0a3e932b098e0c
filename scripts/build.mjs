// Builds the site into a temporary folder and swaps it into dist/ only when everything succeeded,
// so a failed build never touches the previous good dist/.
import { spawnSync } from 'node:child_process';
import { existsSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DataError } from '../src/core/errors/friendly.ts';
import { loadCatalogDir } from '../src/core/catalog/load.ts';

const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const outDir = resolve(root, process.env.OUT_DIR ?? 'dist');
const catalogDir = resolve(process.env.CATALOG_DIR ?? join(root, 'data'));
const started = performance.now();

// Validate first: one line per problem, naming file and JSON path, before Astro starts.
try {
  const servers = loadCatalogDir(catalogDir);
  const tools = servers.reduce((n, s) => n + s.data.tools.length, 0);
  console.log(`policy-atlas: catalog ${catalogDir}: ${servers.length} servers, ${tools} tools`);
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(`policy-atlas: the catalog has ${error.lines.length} problem${error.lines.length === 1 ? '' : 's'}; nothing was built and ${outDir} is unchanged.`);
  for (const line of error.lines) console.error(`  ${line}`);
  process.exit(1);
}

const staging = `${outDir}.staging-${process.pid}`;
const astroBin = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');
const result = spawnSync(process.execPath, [astroBin, 'build'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ATLAS_OUT_DIR: staging, CATALOG_DIR: catalogDir },
});
if (result.status !== 0) {
  rmSync(staging, { recursive: true, force: true });
  console.error(`policy-atlas: the build failed; ${outDir} is unchanged.`);
  process.exit(result.status ?? 1);
}

const previous = `${outDir}.previous-${process.pid}`;
if (existsSync(outDir)) renameSync(outDir, previous);
renameSync(staging, outDir);
rmSync(previous, { recursive: true, force: true });
console.log(`policy-atlas: built ${outDir} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
