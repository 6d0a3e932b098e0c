import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';

export const TEST_BASE = '/atlas/';

/** Builds the sample catalog once for the whole site project, through the real build script. */
export default function setup(project: TestProject) {
  const outDir = resolve('tests/.site/dist');
  execFileSync(process.execPath, ['scripts/build.mjs'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, OUT_DIR: outDir, BASE_PATH: TEST_BASE, CATALOG_DIR: resolve('data') },
  });
  project.provide('siteDir', outDir);
  project.provide('siteBase', TEST_BASE);
}

declare module 'vitest' {
  export interface ProvidedContext {
    siteDir: string;
    siteBase: string;
  }
}
