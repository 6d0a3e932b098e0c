import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { writeHostileCatalog } from '../fixtures/hostile-catalog.ts';

export const TEST_BASE = '/atlas/';

function build(catalogDir: string, outDir: string, base: string) {
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, OUT_DIR: outDir, BASE_PATH: base, CATALOG_DIR: catalogDir },
  });
}

/** Builds the sample catalog (under /atlas/) and the hostile catalog once, through the real build script. */
export default function setup(project: TestProject) {
  const siteDir = resolve('tests/.site/dist');
  build(resolve('data'), siteDir, TEST_BASE);
  const hostileData = resolve('tests/.site/hostile-data');
  const hostileDir = resolve('tests/.site/hostile-dist');
  writeHostileCatalog(hostileData);
  build(hostileData, hostileDir, '/');
  project.provide('siteDir', siteDir);
  project.provide('siteBase', TEST_BASE);
  project.provide('hostileDir', hostileDir);
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteDir: string;
    siteBase: string;
    hostileDir: string;
  }
}
