import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

// What the pages are made with: a change in any of these re-renders every page.
const INPUTS = ['src', 'public', 'astro.config.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'];

function* filesUnder(path: string): Generator<string> {
  if (!existsSync(path)) return;
  if (!statSync(path).isDirectory()) {
    yield path;
    return;
  }
  for (const name of readdirSync(path).sort()) yield* filesUnder(join(path, name));
}

/** A hash of the project's code and configuration. */
export function codeFingerprint(root: string): string {
  const hash = createHash('sha256');
  for (const input of INPUTS) {
    for (const file of filesUnder(join(root, input)))
      hash
        .update(`${relative(root, file)}\0`)
        .update(readFileSync(file))
        .update('\0');
  }
  return hash.digest('hex');
}

/** The build's fingerprint, in every server key: the code, and where the site is deployed (it is in every page). */
export function buildFingerprint(root: string, env: Readonly<Record<string, string | undefined>>): string {
  return createHash('sha256')
    .update(JSON.stringify([codeFingerprint(root), env.BASE_PATH ?? '', env.SITE_URL ?? '']))
    .digest('hex');
}
