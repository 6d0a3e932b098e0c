import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { isRunning, ownIdentity } from './process-identity.ts';

/**
 * A fresh folder `<parent>/<prefix><process>-XXXXXX` for this process's scratch files. Those of
 * processes no longer running are removed first: a build killed with -9 never removes its own.
 */
export function scratchFolder(parent: string, prefix: string): string {
  mkdirSync(parent, { recursive: true });
  removeStaleScratch(parent, prefix);
  return mkdtempSync(join(parent, `${prefix}${ownIdentity()}-`));
}

/** Removes the scratch folders under `parent` whose process no longer runs (see process-identity.ts). */
export function removeStaleScratch(parent: string, prefix: string): void {
  for (const name of readdirSync(parent)) {
    if (!name.startsWith(prefix)) continue;
    const identity = /^(\d+(?:\.\d+)?)-/.exec(name.slice(prefix.length))?.[1];
    // A name without a process is from before they were named: nothing makes those any more.
    if (identity === undefined || !isRunning(identity)) rmSync(join(parent, name), { recursive: true, force: true });
  }
}
