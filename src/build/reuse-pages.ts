import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { runWorker } from './run-worker.ts';
import { planBuild } from '../core/catalog/server-keys.ts';
import type { Shard } from '../core/catalog/shards.ts';
import { previousServerKeys, readManifest } from './build-manifest.ts';
import { BUILD_MARKER } from './output-guard.ts';

export interface ReusedPages {
  /** Servers this build holds (all, or a shard's). */
  servers: number;
  reused: number;
  files: number;
}

/**
 * Links the pages of unchanged servers from the previous build into `site` while Astro renders the
 * others. src/content.ts writes the build's server keys to `site` once it has computed them; the
 * servers whose key the previous build holds too are the ones it does not render (the same
 * `planBuild`), and a worker thread links them, so this process stays free to relay Astro's output.
 */
export function reusePages(site: string, previous: string | undefined, shard: Shard | undefined): { finish(): Promise<ReusedPages | undefined> } {
  let linking: Promise<ReusedPages> | undefined;
  const start = () => {
    if (linking || !existsSync(join(site, BUILD_MARKER))) return;
    try {
      const manifest = readManifest(site);
      const keys = new Map(Object.entries(manifest.servers));
      const slugs = [...planBuild(keys, previousServerKeys(previous), shard).reused];
      linking = previous && slugs.length > 0 ? linkInWorker(previous, site, slugs).then((files) => ({ servers: keys.size, reused: slugs.length, files })) : Promise.resolve({ servers: keys.size, reused: 0, files: 0 });
    } catch (error) {
      // Thrown in a timer it would end the process; the build reports it once Astro is done.
      linking = Promise.reject(error instanceof Error ? error : new Error(String(error)));
      linking.catch(() => {});
    }
  };
  const poll = setInterval(start, 250);
  return {
    async finish() {
      clearInterval(poll);
      start();
      return linking;
    },
  };
}

const linkInWorker = (previous: string, site: string, slugs: string[]) =>
  runWorker<number>(new URL('./link-worker.ts', import.meta.url), { previous, site, slugs }, 'linking unchanged pages');
