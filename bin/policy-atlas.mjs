#!/usr/bin/env node
// Entry of `npx policy-atlas`. Runs src/cli/main.ts on Node >= 22.18 (which runs TypeScript as is);
// on an older Node it re-runs itself through scripts/with-node.sh, which fetches one if needed.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
if (major > 22 || (major === 22 && minor >= 18)) {
  await import(join(root, 'src/cli/main.ts'));
} else {
  const result = spawnSync('bash', [join(root, 'scripts/with-node.sh'), 'node', join(root, 'src/cli/main.ts'), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 2);
}
