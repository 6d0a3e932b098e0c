import { isAbsolute, relative, resolve } from 'node:path';

/** A path as the user would type it from `cwd`: relative when inside it, else as given. */
export function shownPath(path: string, cwd: string): string {
  const nearby = relative(cwd, resolve(cwd, path));
  return nearby && !nearby.startsWith('..') && !isAbsolute(nearby) ? nearby : path;
}
