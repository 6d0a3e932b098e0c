import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { BUILD_MARKER, foreignEntries, listed, publishedFolder } from './output-guard.ts';
import { isRunning, ownIdentity, pidOf } from './process-identity.ts';

/**
 * Where builds of `out` live: `<parent>/.<name>.builds/<id>/`, and `out` is a symlink to the current
 * one. Publishing replaces the symlink in one rename, so `out` never stops existing, and the previous
 * build is removed only once the new one is in place.
 */
export const buildsFolderOf = (out: string) => join(dirname(out), `.${basename(out)}.builds`);

/** Thrown when the builds folder is not a folder of this user's own: publishing deletes what it holds. */
export class UnsafeBuildsFolderError extends Error {}

/**
 * The builds folder of `out`, made when missing. In a shared parent (`/tmp`) another user can plant
 * it first, as a link to a folder of yours or as a folder they can write in; publishing would then
 * delete what that holds. So it is made without following links, and one that is a link, not a
 * folder or another user's is refused.
 */
export function ownBuildsFolder(out: string): string {
  const builds = buildsFolderOf(out);
  mkdirSync(dirname(out), { recursive: true });
  try {
    mkdirSync(builds);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  checkBuildsFolder(builds);
  return builds;
}

function checkBuildsFolder(builds: string): void {
  const stat = lstatSync(builds);
  const problem = stat.isSymbolicLink()
    ? 'is a symbolic link'
    : !stat.isDirectory()
      ? 'is not a folder'
      : process.getuid && stat.uid !== process.getuid()
        ? 'belongs to another user'
        : undefined;
  if (problem)
    throw new UnsafeBuildsFolderError(`${builds}, where builds of it are kept and replaced ones deleted, ${problem}; remove it, or build into another --out`);
}

const lockFileOf = (out: string) => join(dirname(out), `.${basename(out)}.lock`);

export class BuildLockedError extends Error {
  readonly out: string;
  readonly pid: number;
  constructor(out: string, pid: number) {
    super(`another build (process ${pid}) is writing ${out}; wait for it to finish, or build into another --out`);
    this.out = out;
    this.pid = pid;
  }
}

/** Creates `file` holding `text`, unless it exists; whether it did. */
function createExclusive(file: string, text: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
  return true;
}

const holderOf = (file: string): string | undefined => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
};

/**
 * Takes the output's lock (one build per output at a time); returns its release. The lock names its
 * build's process by id and start time (process-identity.ts), so a dead build's lock is taken over
 * even when its id now belongs to another process. Taking over is itself done by one build at a
 * time (under `<lock>.takeover`): two that found the same dead lock each removed it and both went on.
 * `onDeadHolder` runs when a dead build's lock is found, before it is taken over (for tests).
 */
export function lockOutput(out: string, onDeadHolder?: () => void): () => void {
  const lock = lockFileOf(out);
  mkdirSync(dirname(out), { recursive: true });
  const me = ownIdentity();
  const release = () => {
    if (holderOf(lock) === me) rmSync(lock, { force: true });
  };
  if (createExclusive(lock, me)) return release;
  const refuse = (holder: string | undefined) => new BuildLockedError(out, pidOf(holder ?? '') ?? 0);
  const holder = holderOf(lock);
  if (holder !== undefined && isRunning(holder)) throw refuse(holder);
  // Tests take the lock here, as another build that found it dead at the same time would.
  onDeadHolder?.();
  const takeover = `${lock}.takeover`;
  if (!createExclusive(takeover, me)) {
    // Another build is taking it over now; or one died doing so, and its claim goes (the next attempt takes over).
    const claimant = holderOf(takeover);
    if (claimant === undefined || !isRunning(claimant)) rmSync(takeover, { force: true });
    throw refuse(claimant);
  }
  try {
    // Read again: it may have been released, or taken, since.
    const now = holderOf(lock);
    if (now !== undefined && isRunning(now)) throw refuse(now);
    rmSync(lock, { force: true });
    // A build that found no lock at all may have taken it meanwhile.
    if (!createExclusive(lock, me)) throw refuse(holderOf(lock));
  } finally {
    rmSync(takeover, { force: true });
  }
  return release;
}

const CACHE_NAME = '.cache';
/** Astro's cache for builds of `out`: one per output, so two builds of different outputs never share it. */
export const cacheFolderOf = (out: string) => join(buildsFolderOf(out), CACHE_NAME);
/** The same folder, from the folder a build renders into (its staging folder). */
export const cacheFolderOfStaging = (staging: string) => join(dirname(staging), CACHE_NAME);

let stagings = 0;

/** A fresh, empty folder for one build of `out`; two asked for in one millisecond get two names. */
export function stagingFolder(out: string): string {
  const folder = join(ownBuildsFolder(out), `${Date.now().toString(36)}${(stagings++).toString(36)}-${process.pid}`);
  mkdirSync(folder);
  return folder;
}

/** Thrown by `publish` when `out`, a real folder, came to hold what no build writes while the build ran. */
export class OutputChangedError extends Error {}

/** Marks `staging` as a build, points `out` at it, then removes the builds it replaced. Hold the lock. */
export function publish(out: string, staging: string): void {
  // The guard checked `out` before the build; what was put in it since would be deleted with the folder.
  const current = existsSync(out) ? lstatSync(out) : undefined;
  const foreign = current?.isDirectory() ? foreignEntries(out) : [];
  if (foreign.length > 0) throw new OutputChangedError(`${out} came to hold ${listed(foreign)} during the build, which no build writes`);
  // The build usually wrote it, with its server keys (build-manifest.ts).
  if (!existsSync(join(staging, BUILD_MARKER))) writeFileSync(join(staging, BUILD_MARKER), '{"generator":"policy-atlas"}\n');
  const builds = buildsFolderOf(out);
  checkBuildsFolder(builds);
  const link = join(dirname(out), `.${basename(out)}.link-${process.pid}`);
  rmSync(link, { force: true });
  symlinkSync(relative(dirname(out), staging), link);
  if (current?.isDirectory()) {
    // A real folder (an older build, or an empty one): moved aside once; from now on `out` is a link.
    renameSync(out, join(builds, `replaced-${process.pid}`));
  }
  renameSync(link, out);
  // Everything in the builds folder but the published build (and the cache) is a replaced or abandoned one.
  const published = publishedFolder(out)!;
  const trash = trashPrefixOf(out);
  for (const name of readdirSync(builds)) {
    if (name === CACHE_NAME) continue;
    const folder = join(builds, name);
    if (folder !== published) renameSync(folder, `${trash}${name}`);
  }
  // Deleting 250,000 pages takes most of a minute: the new site is out already, so it is done after.
  for (const name of readdirSync(dirname(out))) if (join(dirname(out), name).startsWith(trash)) removeInBackground(join(dirname(out), name));
}

/** Replaced builds wait under `<parent>/.<name>.trash-<id>` until a background `rm` takes them away. */
const trashPrefixOf = (out: string) => join(dirname(out), `.${basename(out)}.trash-`);

function removeInBackground(folder: string): void {
  const removeHere = () => rmSync(folder, { recursive: true, force: true });
  try {
    spawn('rm', ['-rf', folder], { detached: true, stdio: 'ignore' }).on('error', removeHere).unref();
  } catch {
    removeHere();
  }
}

/** Removes a failed build's folder. */
export function discard(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
}
