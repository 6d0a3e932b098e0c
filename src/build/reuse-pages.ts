import { runWorker } from './run-worker.ts';
import type { BuildManifest } from './build-manifest.ts';
import { previousServerKeys } from './build-manifest.ts';
import { planBuild } from './server-keys.ts';
import type { Shard } from './shards.ts';

export interface ReusedPages {
  /** Servers this build holds (all, or a shard's). */
  servers: number;
  reused: number;
  files: number;
}

/**
 * Links the pages of unchanged servers from the previous build into `site` while Astro renders the
 * others, as soon as the first page process reports the build's server keys (`manifest`; undefined
 * when it reports none). The servers whose key the previous build holds too are the ones the page
 * processes do not render (the same `planBuild`), and a worker thread links them, so this process
 * stays free to follow the page processes.
 */
export async function reusePages(
  site: string,
  previous: string | undefined,
  shard: Shard | undefined,
  manifest: Promise<BuildManifest | undefined>,
): Promise<ReusedPages | undefined> {
  const held = await manifest;
  if (!held) return undefined;
  const keys = new Map(Object.entries(held.servers));
  const slugs = [...planBuild(keys, previousServerKeys(previous), shard).reused];
  const files = previous && slugs.length > 0 ? await linkInWorker(previous, site, slugs) : 0;
  return { servers: keys.size, reused: slugs.length, files };
}

const linkInWorker = (previous: string, site: string, slugs: string[]) =>
  runWorker<number>(new URL('./link-worker.ts', import.meta.url), { previous, site, slugs }, 'linking unchanged pages');
