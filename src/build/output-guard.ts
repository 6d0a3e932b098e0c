import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { BUILD_MARKER, isBuildEntry } from './build-entries.ts';

export { BUILD_MARKER };

export interface GuardPaths {
  out: string;
  catalog: string;
  project: string;
  cwd: string;
  home?: string;
}

/** The real path of `path`, or of its nearest existing parent with the rest appended. */
export function realPathOf(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  if (parent === absolute) return absolute;
  return join(realPathOf(parent), absolute.slice(parent.length + (parent.endsWith(sep) ? 0 : 1)));
}

const isWithin = (inner: string, outer: string) => {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
};

/** The folder a published output points at: the symlink's target, or the folder itself. */
export function publishedFolder(out: string): string | undefined {
  let stat;
  try {
    stat = lstatSync(out);
  } catch {
    return undefined;
  }
  if (stat.isSymbolicLink()) return resolve(dirname(out), readlinkSync(out));
  return out;
}

/** Builds from before the marker are recognised by their catalog.json, which names its generator. */
function isEarlierVersionBuild(folder: string): boolean {
  try {
    return (JSON.parse(readFileSync(join(folder, 'catalog.json'), 'utf8')) as { generator?: unknown }).generator === 'Policy Atlas';
  } catch {
    return false;
  }
}

/**
 * Why `out` may not receive a build, or undefined when it may. A build replaces its output whole, so
 * the output must not hold anything else: not the catalog, the project, the working folder or HOME,
 * not a folder some other program filled, and not a copied build that something was added to (a
 * gh-pages checkout made with `rsync -a dist/ …` holds the marker, and its `.git` and `CNAME` too).
 */
export function outputProblem(paths: GuardPaths): string | undefined {
  const out = realPathOf(paths.out);
  const guarded: [string, string | undefined][] = [
    ['the catalog', paths.catalog],
    ['the project', paths.project],
    ['the current directory', paths.cwd],
    ['your home directory', paths.home],
  ];
  for (const [label, path] of guarded) {
    if (!path) continue;
    const real = realPathOf(path);
    if (out === real) return `it is ${label} (${real})`;
    if (isWithin(real, out)) return `it contains ${label} (${real})`;
    if (label === 'the catalog' && isWithin(out, real)) return `it lies inside the catalog (${real})`;
  }
  let stat;
  try {
    stat = lstatSync(paths.out);
  } catch {
    return undefined; // nothing there yet
  }
  const folder = stat.isSymbolicLink() ? publishedFolder(paths.out)! : paths.out;
  if (!stat.isSymbolicLink() && !stat.isDirectory()) return 'it is a file, not a folder';
  if (!existsSync(folder)) return undefined; // a dangling link from an interrupted build
  if (readdirSync(folder).length === 0) return undefined;
  if (!existsSync(join(folder, BUILD_MARKER)) && !isEarlierVersionBuild(folder))
    return `it is not empty and no Policy Atlas build made it (no ${BUILD_MARKER} file)`;
  // A published output is a link: publishing replaces the link, never what a foreign target holds.
  if (stat.isSymbolicLink()) return undefined;
  const foreign = foreignEntries(folder);
  if (foreign.length > 0)
    return `it holds ${listed(foreign)}, which no build writes and a build would delete with the rest; move ${foreign.length === 1 ? 'it' : 'them'} out, or build elsewhere and copy the build in`;
  return undefined;
}

/** What a folder holds at its root besides what a build writes (see build-entries.ts). */
export const foreignEntries = (folder: string): string[] =>
  readdirSync(folder)
    .filter((name) => !isBuildEntry(name))
    .sort();

const SHOWN = 10;
/** Names for a message, quoted (they are whatever a folder holds), the first few only. */
export const listed = (names: string[]) => {
  const shown = names.slice(0, SHOWN).map((name) => JSON.stringify(name));
  if (names.length > SHOWN) shown.push(`${names.length - SHOWN} more`);
  return shown.length === 1 ? shown[0]! : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
};
