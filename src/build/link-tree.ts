import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Hard-links a folder tree (a copy where the file system cannot link): no bytes are written twice.
 * With `keepExisting`, files `to` already has are left as they are.
 */
export function linkTree(from: string, to: string, keepExisting = false): number {
  mkdirSync(to, { recursive: true });
  let files = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory()) files += linkTree(source, target, keepExisting);
    else if (entry.isFile()) {
      if (keepExisting && existsSync(target)) continue;
      try {
        linkSync(source, target);
      } catch {
        copyFileSync(source, target);
      }
      files++;
    }
  }
  return files;
}
