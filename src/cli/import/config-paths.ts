import { resolve, sep } from 'node:path';
import { shownPath } from '../shown-path.ts';

/** `~/.claude.json`: the home folder is nobody's business in a catalog. */
export const tilde = (path: string, home: string) => (home && (path === home || path.startsWith(home + sep)) ? `~${path.slice(home.length)}` : path);

/** A configuration file as the user knows it: within the working folder relative to it (`.vscode/mcp.json`), else from the home folder. */
export function configPath(path: string, home: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  const shown = shownPath(absolute, cwd);
  return shown !== absolute ? shown : tilde(absolute, home);
}
