import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HELP = `Usage: policy-atlas build [--catalog <dir>] [--out <dir>]

Builds the static site from <dir>/servers/*.json (default: data) into --out (default: dist).`;

export async function run(args: string[]): Promise<number> {
  const env: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      return 0;
    }
    const value = args[i + 1];
    if ((arg === '--catalog' || arg === '--out') && value) {
      env[arg === '--catalog' ? 'CATALOG_DIR' : 'OUT_DIR'] = resolve(value);
      i++;
    } else {
      console.error(`policy-atlas build: unexpected argument "${arg}"\n\n${HELP}`);
      return 2;
    }
  }
  const script = join(dirname(fileURLToPath(import.meta.url)), '../../scripts/build.mjs');
  const result = spawnSync(process.execPath, [script], { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}
