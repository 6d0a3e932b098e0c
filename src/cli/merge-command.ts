import { join, resolve } from 'node:path';
import { readArgs, runCommandLine, UsageError } from './command-line.ts';
import type { CommandIO } from './io.ts';
import { mergeShards } from '../build/merge-shards.ts';
import { PROJECT_ROOT } from '../build/run-build.ts';

const HELP = `Usage: policy-atlas merge <shard output>... [--catalog <dir>] [--out <dir>] [--quiet]

Assembles the outputs of \`policy-atlas build --shard i/n\` (one per shard, built from the same
catalog and code) into one site in --out (default: the project's dist/): the shards' pages are
linked, not copied, and the listings, sitemap, catalog.json and the search index are made once from
the whole catalog (default: the project's data/). The result is the site one build would make.

--quiet prints only warnings and errors.`;

function parseMergeArgs(args: string[]) {
  const { values, positionals } = readArgs(
    args,
    { catalog: { type: 'string' }, out: { type: 'string' }, quiet: { type: 'boolean', short: 'q' } },
    { positionals: true },
  );
  if (positionals.length === 0) throw new UsageError('name the shard outputs to merge');
  return { ...values, shardDirs: positionals };
}

export function run(args: string[], io: CommandIO): Promise<number> {
  return runCommandLine(args, io, { prefix: 'policy-atlas merge: ', help: HELP, parse: parseMergeArgs }, (options) => {
    // A folder given on the command line or in the environment is the user's, from where they are.
    const catalogDir = resolve(io.cwd, options.catalog ?? io.env.CATALOG_DIR ?? join(PROJECT_ROOT, 'data'));
    const outDir = resolve(io.cwd, options.out ?? io.env.OUT_DIR ?? join(PROJECT_ROOT, 'dist'));
    return mergeShards({ catalogDir, outDir, shardDirs: options.shardDirs.map((dir) => resolve(io.cwd, dir)), quiet: options.quiet ?? false }, io);
  });
}
