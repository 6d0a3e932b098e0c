import { join, resolve } from 'node:path';
import { readArgs, runCommandLine, UsageError } from './command-line.ts';
import type { CommandIO } from './io.ts';
import { PROJECT_ROOT, runBuild } from '../build/run-build.ts';
import { parseShard, type Shard } from '../build/shards.ts';

const HELP = `Usage: policy-atlas build [--catalog <dir>] [--out <dir>] [--shard <i>/<n>] [--jobs <n>] [--quiet]

Builds the static site from <dir>/servers/*.json (default: the project's data/) into --out (default:
the project's dist/). The output folder is replaced whole, so it must be empty, new, or an earlier build's.

--shard i/n builds the pages of one slice of the servers (1 <= i <= n), the same slice on any machine;
\`policy-atlas merge\` then assembles the n shard outputs into one site.

--jobs n renders the pages in n processes at once (1 to 64); the site is the same. By default a
catalog of 5,000 tools or more uses one per core (but the one the search index takes when it is made
beside the pages), as many as a quarter of the machine's memory holds.

--quiet prints only warnings and errors (no progress, no summary).`;

interface BuildArgs {
  catalog?: string;
  out?: string;
  shard?: Shard;
  jobs?: number;
  quiet?: boolean;
}

function parseBuildArgs(args: string[]): BuildArgs {
  const { values } = readArgs(args, {
    catalog: { type: 'string' },
    out: { type: 'string' },
    shard: { type: 'string' },
    jobs: { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
  });
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (values.shard !== undefined && !shard) throw new UsageError(`--shard takes i/n with 1 <= i <= n <= 256, not "${values.shard}"`, { withHelp: false });
  const jobs = values.jobs === undefined ? undefined : /^\d{1,2}$/.test(values.jobs) ? Number(values.jobs) : 0;
  if (jobs !== undefined && (jobs < 1 || jobs > 64))
    throw new UsageError(`--jobs takes a number of processes from 1 to 64, not "${values.jobs}"`, { withHelp: false });
  return {
    ...(values.catalog ? { catalog: values.catalog } : {}),
    ...(values.out ? { out: values.out } : {}),
    ...(shard ? { shard } : {}),
    ...(jobs ? { jobs } : {}),
    ...(values.quiet ? { quiet: true } : {}),
  };
}

export function run(args: string[], io: CommandIO): Promise<number> {
  return runCommandLine(args, io, { prefix: 'policy-atlas build: ', help: HELP, parse: parseBuildArgs }, (options) => {
    // A folder given on the command line or in the environment is the user's, from where they are.
    const catalogDir = resolve(io.cwd, options.catalog ?? io.env.CATALOG_DIR ?? join(PROJECT_ROOT, 'data'));
    const outDir = resolve(io.cwd, options.out ?? io.env.OUT_DIR ?? join(PROJECT_ROOT, 'dist'));
    return runBuild(
      {
        catalogDir,
        outDir,
        ...(options.shard ? { shard: options.shard } : {}),
        ...(options.jobs ? { pageProcesses: options.jobs } : {}),
        quiet: options.quiet ?? false,
      },
      io,
    );
  });
}
