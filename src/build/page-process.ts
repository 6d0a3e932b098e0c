import { dieWithParent } from './die-with-parent.ts';

// Rendering runs for minutes on a large catalog: a build killed with -9 must not leave it running.
// Its IPC channel closes then (seen between two pages), and a thread watches for the synchronous
// stretches; both start before Astro takes seconds to load.
process.once('disconnect', () => process.exit(1));
dieWithParent();
const { build } = await import('astro');
const { readPageJob } = await import('./page-job.ts');
const { pageJob } = await import('./page-job-integration.ts');
const { PROJECT_ROOT } = await import('./project-root.ts');

/**
 * A page process of the build (run-build.ts forks it): renders the pages its job file (page-job.ts),
 * the one argument, asks for. Astro says only its warnings and errors; the pages rendered and the
 * plan travel to the build over the IPC channel (page-job-integration.ts, content.ts).
 */
const jobFile = process.argv[2];
if (!jobFile) throw new Error('usage: page-process.ts <job file>');
const job = readPageJob(jobFile);
try {
  await build({ root: PROJECT_ROOT, outDir: job.outDir, cacheDir: job.cacheDir, logLevel: 'warn', integrations: [pageJob(job)] });
} catch (error) {
  // Astro's API throws what its CLI would print; a configuration's problems it has printed already.
  const { hint, issues } = error as { hint?: string; issues?: unknown };
  if (!Array.isArray(issues))
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${hint ? `Hint: ${hint}\n` : ''}`);
  process.exit(1);
}
// As Astro's CLI does: a build leaves handles open (Vite's, the channel to the build) that would keep the process alive.
process.exit(0);
