import { join, resolve } from 'node:path';
import type { CommandIO } from './io.ts';
import { PROJECT_ROOT, runBuild } from '../build/run-build.ts';
import { parseShard, type Shard } from '../build/shards.ts';

const HELP = `Usage: policy-atlas build [--catalog <dir>] [--out <dir>] [--shard <i>/<n>] [--jobs <n>]

Builds the static site from <dir>/servers/*.json (default: the project's data/) into --out (default:
the project's dist/). The output folder is replaced whole, so it must be empty, new, or an earlier build's.

--shard i/n builds the pages of one slice of the servers (1 <= i <= n), the same slice on any machine;
\`policy-atlas merge\` then assembles the n shard outputs into one site.

--jobs n renders the pages in n processes at once (1 to 64); the site is the same. By default a
catalog of 5,000 tools or more uses one per core (but the one the search index takes when it is made
beside the pages), as many as a quarter of the machine's memory holds.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  let catalogDir = process.env.CATALOG_DIR ?? join(PROJECT_ROOT, 'data');
  let outDir = process.env.OUT_DIR ?? join(PROJECT_ROOT, 'dist');
  let shard: Shard | undefined;
  let pageProcesses: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      return 0;
    }
    const value = args[i + 1];
    if (arg === '--shard' && value) {
      shard = parseShard(value);
      if (!shard) {
        console.error(`policy-atlas build: --shard takes i/n with 1 <= i <= n <= 256, not "${value}"`);
        return 2;
      }
      i++;
    } else if (arg === '--jobs' && value) {
      pageProcesses = /^\d{1,2}$/.test(value) ? Number(value) : 0;
      if (pageProcesses < 1 || pageProcesses > 64) {
        console.error(`policy-atlas build: --jobs takes a number of processes from 1 to 64, not "${value}"`);
        return 2;
      }
      i++;
    } else if ((arg === '--catalog' || arg === '--out') && value) {
      if (arg === '--catalog') catalogDir = resolve(value);
      else outDir = resolve(value);
      i++;
    } else {
      console.error(`policy-atlas build: unexpected argument "${arg}"\n\n${HELP}`);
      return 2;
    }
  }
  return runBuild({ catalogDir, outDir, ...(shard ? { shard } : {}), ...(pageProcesses ? { pageProcesses } : {}) }, io);
}
