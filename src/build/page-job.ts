import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { BuildManifestSchema } from './build-manifest.ts';
import { MAX_SHARDS } from './shards.ts';

/** `index` of `count`, counted from 1: a shard of the catalog's servers, or a renderer of a build. */
const SliceSchema = z
  .object({ index: z.int().min(1), count: z.int().min(1).max(MAX_SHARDS) })
  .refine((slice) => slice.index <= slice.count, 'index is at most count');

/**
 * What the build (src/build/run-build.ts) asks one page process to render: the process is given
 * the path of a file holding this, and nothing else. Its pages read it as the virtual module
 * `virtual:policy-atlas/page-job` (src/build/page-job-integration.ts).
 */
export const PageJobSchema = z.object({
  /** The catalog's folder (servers/*.json, accuracy.json). */
  catalogDir: z.string(),
  /** The catalog as the build read, checked and classified it (src/build/catalog/catalog-cache.ts). */
  catalogCache: z.string().optional(),
  /** The code, configuration and deployment the pages are made with (code-fingerprint.ts); without it the catalog is read from catalogDir and every page rendered. */
  fingerprint: z.string().optional(),
  /** Where Astro writes the pages. */
  outDir: z.string(),
  /** Astro's cache folder: one per output, so concurrent builds of different outputs never share one. */
  cacheDir: z.string(),
  /** The build whose unchanged servers' pages are linked instead of rendered. */
  previousBuild: z.string().optional(),
  /** The slice of the servers a `build --shard i/n` renders; its listings are left to `merge`. */
  shard: SliceSchema.optional(),
  /** Which of the build's page processes this is (renderers.ts). */
  renderer: SliceSchema,
});
export type PageJob = z.output<typeof PageJobSchema>;

/** What the first renderer tells the build once it knows which servers' pages are rendered. */
export const PagePlanReportSchema = z.object({
  /** Servers rendered by the build's renderers together, of all in the catalog. */
  servers: z.object({ planned: z.int().nonnegative(), of: z.int().nonnegative() }),
  /** Tools of the planned servers. */
  tools: z.int().nonnegative(),
  /** The key and file count of every server the build holds, when it has keys (a fingerprint) or is a shard. */
  manifest: BuildManifestSchema.optional(),
});
export type PagePlanReport = z.output<typeof PagePlanReportSchema>;

/** A page process's messages to the build, over the IPC channel of its fork. */
export const PageProcessMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('plan'), report: PagePlanReportSchema }),
  /** Pages of this renderer's own so far (`done`: all of them, once Astro is through). */
  z.object({ type: z.literal('pages'), rendered: z.int().nonnegative(), done: z.boolean() }),
]);
export type PageProcessMessage = z.output<typeof PageProcessMessageSchema>;

export function writePageJob(file: string, job: PageJob): void {
  writeFileSync(file, `${JSON.stringify(PageJobSchema.parse(job))}\n`);
}

export function readPageJob(file: string): PageJob {
  return PageJobSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/**
 * Tells the build, over the IPC channel of the page process it forked; resolves once the message
 * is sent. A process no build started (`astro dev`, `astro build`) has no one to tell.
 */
export function tellBuild(message: PageProcessMessage): Promise<void> {
  return new Promise((resolve) => {
    if (process.send) process.send(message, () => resolve());
    else resolve();
  });
}
