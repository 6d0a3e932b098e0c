import { execFile } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { inject } from 'vitest';
import { ROOT } from './run-cli.ts';

/** A site that tests only read: built once per test run, by whichever test file asks for it first. */
export interface SharedSite {
  /** Its folder under tests/.site/. */
  name: string;
  /** BASE_PATH of the build. */
  base: string;
  /** The catalog: a folder, or a function that writes one into the folder it is given. */
  catalog: string | ((dir: string) => void);
}

export interface BuiltSite {
  /** The built site (a published output: a link to the build). */
  dir: string;
  base: string;
  catalogDir: string;
}

/** Where shared sites are built (each run builds them afresh). */
export const SHARED_SITES = join(ROOT, 'tests/.site');

const built = new Map<string, Promise<BuiltSite>>();

/**
 * The site `site` describes, built through the real build script unless this test run built it
 * already. Test files run in workers of their own, so the memo is on disk: a stamp names the run
 * that built it (the globalSetup names each run), and a lock file keeps two workers from building it at once.
 */
export function sharedBuild(site: SharedSite): Promise<BuiltSite> {
  let promise = built.get(site.name);
  if (!promise) {
    promise = buildOnce(site, inject('testRun'));
    built.set(site.name, promise);
  }
  return promise;
}

async function buildOnce(site: SharedSite, run: string): Promise<BuiltSite> {
  const folder = join(SHARED_SITES, site.name);
  const result: BuiltSite = {
    dir: join(folder, 'dist'),
    base: site.base,
    catalogDir: typeof site.catalog === 'string' ? site.catalog : join(folder, 'catalog'),
  };
  const stamp = join(folder, 'built-in-run');
  const isBuilt = () => existsSync(stamp) && readFileSync(stamp, 'utf8') === run;
  mkdirSync(folder, { recursive: true });
  const lock = `${folder}.lock`;
  for (;;) {
    if (isBuilt()) return result;
    if (takeLock(lock, run)) break;
    await sleep(200);
  }
  try {
    if (isBuilt()) return result;
    // Cold, as a reference should be: nothing of an earlier run's build is reused.
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder);
    if (typeof site.catalog === 'function') site.catalog(result.catalogDir);
    await runBuildScript(result.catalogDir, result.dir, site.base);
    writeFileSync(stamp, run);
    return result;
  } finally {
    rmSync(lock, { force: true });
  }
}

/** Creates the lock naming this run and process; a lock of an earlier run, or of a process gone, is taken over. */
function takeLock(lock: string, run: string): boolean {
  const me = `${run} ${process.pid}`;
  try {
    const fd = openSync(lock, 'wx');
    writeSync(fd, me);
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  let holder: string;
  try {
    holder = readFileSync(lock, 'utf8');
  } catch {
    return false; // released meanwhile: the next attempt takes it
  }
  const [holderRun, pid] = holder.split(' ');
  if (holderRun === run && isAlive(Number(pid))) return false;
  rmSync(lock, { force: true });
  return false;
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** `node scripts/build.mjs` in the project, as `npm run build` runs it; rejects with its output on failure. */
export function runBuildScript(catalogDir: string, outDir: string, base: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [join(ROOT, 'scripts/build.mjs')],
      { cwd: ROOT, env: { ...process.env, OUT_DIR: outDir, BASE_PATH: base, CATALOG_DIR: catalogDir }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`the build of ${catalogDir} into ${outDir} failed: ${error.message}\n${stdout}${stderr}`)) : resolve(),
    );
  });
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** Names this test run, for the stamps of shared builds. */
    testRun: string;
  }
}
