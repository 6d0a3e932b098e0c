import { isAbsolute, relative, resolve, sep } from 'node:path';

/** `~/.claude.json`: the home folder is nobody's business in a catalog. */
export const tilde = (path: string, home: string) => (home && (path === home || path.startsWith(home + sep)) ? `~${path.slice(home.length)}` : path);

/** A configuration file as the user knows it: within the project folder relative to it (`.vscode/mcp.json`), else from the home folder. */
export function configPath(path: string, home: string): string {
  const absolute = resolve(path);
  const nearby = relative(process.cwd(), absolute);
  return nearby && !nearby.startsWith('..') && !isAbsolute(nearby) ? nearby : tilde(absolute, home);
}

/** A data file in the report: relative to the working folder when inside it. */
export function shownPath(path: string): string {
  const nearby = relative(process.cwd(), path);
  return nearby && !nearby.startsWith('..') && !isAbsolute(nearby) ? nearby : path;
}
