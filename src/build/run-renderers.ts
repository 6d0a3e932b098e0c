import { fork } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { pageProcessEnv } from './page-process-env.ts';
import type { CommandIO } from '../cli/io.ts';
import type { BuildLogger } from './build-logger.ts';
import { PageProcessMessageSchema, writePageJob, type PageJob, type PagePlanReport, type PageProcessMessage } from './page-job.ts';
import { PROJECT_ROOT } from './project-root.ts';
import { scratchFolder } from './scratch-folder.ts';

export interface RenderersRun {
  /** The first failed page process's exit, or the first's. */
  status: number | null;
  signal: NodeJS.Signals | null;
}

export interface RenderersOptions {
  io: CommandIO;
  log: BuildLogger;
  /** V8's heap limit for each page process. */
  heapLimitMB: number;
  /** V8's --heap-growing-percent, when not its default. */
  heapGrowingPercent: number | undefined;
  /** The first renderer's plan, once it knows it. */
  onPlan(report: PagePlanReport): void;
}

const PAGE_PROCESS = fileURLToPath(new URL('./page-process.ts', import.meta.url));

/**
 * Runs a page process (page-process.ts) per job, all at once. Each tells the build over IPC how
 * many pages it has rendered, which the log's progress sums up, and the first its plan; what they
 * print (Astro's warnings and errors) goes through the log.
 */
export async function runRenderers(jobs: readonly PageJob[], options: RenderersOptions): Promise<RenderersRun> {
  const rendered = jobs.map(() => 0);
  let planned = false;
  const heard = (renderer: number, message: PageProcessMessage) => {
    if (message.type === 'plan') {
      if (renderer !== 0 || planned) return;
      planned = true;
      options.onPlan(message.report);
    } else {
      rendered[renderer] = message.rendered;
      options.log.pagesRendered(rendered.reduce((sum, pages) => sum + pages, 0));
    }
  };
  const results = await Promise.all(jobs.map((job, i) => runRenderer(job, options, (message) => heard(i, message))));
  return results.find((one) => one.status !== 0) ?? results[0]!;
}

/** Node refuses --cpu-prof in NODE_OPTIONS; ATLAS_PROFILE_DIR=<dir> (the user's) writes each page process's CPU profile there. */
const profileArgs = (env: CommandIO['env']): string[] => (env.ATLAS_PROFILE_DIR ? ['--cpu-prof', `--cpu-prof-dir=${resolve(env.ATLAS_PROFILE_DIR)}`] : []);

/**
 * Runs one page process, its job in a file of its scratch folder. Astro writes its scratch files
 * (the prerender bundle, which imports the checkout's packages) under `.astro/` of its working
 * directory when the output folder is outside it; two builds at once from one checkout deleted
 * each other's there. So each page process runs in a folder of its own inside the checkout, named
 * by the build's process: a build killed with -9 leaves its folder, and the next build removes it.
 */
function runRenderer(
  job: PageJob,
  { io, log, heapLimitMB, heapGrowingPercent }: RenderersOptions,
  heard: (message: PageProcessMessage) => void,
): Promise<RenderersRun> {
  const scratch = scratchFolder(join(PROJECT_ROOT, '.astro'), 'build-');
  const jobFile = join(scratch, 'page-job.json');
  writePageJob(jobFile, job);
  const env = pageProcessEnv(io.env, heapLimitMB, io.interactive);
  // NODE_OPTIONS does not take this V8 flag, so it is an argument of the page process.
  const v8Flags = heapGrowingPercent ? [`--heap-growing-percent=${heapGrowingPercent}`] : [];
  return new Promise<RenderersRun>((resolvePromise, reject) => {
    const child = fork(PAGE_PROCESS, [jobFile], {
      cwd: scratch,
      env,
      execArgv: [...profileArgs(io.env), ...v8Flags],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    createInterface({ input: child.stdout! }).on('line', (line) => log.relay(line, 'out'));
    createInterface({ input: child.stderr! }).on('line', (line) => log.relay(line, 'err'));
    child.on('message', (message) => {
      const parsed = PageProcessMessageSchema.safeParse(message);
      if (parsed.success) heard(parsed.data);
    });
    child.on('error', reject);
    child.on('close', (status, signal) => resolvePromise({ status, signal }));
  }).finally(() => rmSync(scratch, { recursive: true, force: true }));
}
