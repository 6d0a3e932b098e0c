import { join, resolve } from 'node:path';
import type { CommandIO } from './io.ts';
import { mergeShards } from '../build/merge-shards.ts';
import { PROJECT_ROOT } from '../build/run-build.ts';

const HELP = `Usage: policy-atlas merge <shard output>... [--catalog <dir>] [--out <dir>]

Assembles the outputs of \`policy-atlas build --shard i/n\` (one per shard, built from the same
catalog and code) into one site in --out (default: the project's dist/): the shards' pages are
linked, not copied, and the listings, sitemap, catalog.json and the search index are made once from
the whole catalog (default: the project's data/). The result is the site one build would make.`;

export async function run(args: string[], io: CommandIO): Promise<number> {
  let catalogDir = process.env.CATALOG_DIR ?? join(PROJECT_ROOT, 'data');
  let outDir = process.env.OUT_DIR ?? join(PROJECT_ROOT, 'dist');
  const shardDirs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      return 0;
    }
    const value = args[i + 1];
    if ((arg === '--catalog' || arg === '--out') && value) {
      if (arg === '--catalog') catalogDir = resolve(value);
      else outDir = resolve(value);
      i++;
    } else if (!arg.startsWith('-')) {
      shardDirs.push(resolve(arg));
    } else {
      console.error(`policy-atlas merge: unexpected argument "${arg}"\n\n${HELP}`);
      return 2;
    }
  }
  if (shardDirs.length === 0) {
    console.error(`policy-atlas merge: name the shard outputs to merge\n\n${HELP}`);
    return 2;
  }
  return mergeShards({ catalogDir, outDir, shardDirs }, io);
}
