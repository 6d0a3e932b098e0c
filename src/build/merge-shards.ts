import { existsSync, lstatSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { CommandIO } from '../cli/io.ts';
import { BuildLogger } from './build-logger.ts';
import { parseShard } from './shards.ts';
import { DataError } from '../core/errors/friendly.ts';
import { manifestOf, manifestText, readManifest, type BuildManifest } from './build-manifest.ts';
import { linkTree } from './link-tree.ts';
import { BUILD_MARKER } from './output-guard.ts';
import { runBuild, type BuildOptions } from './run-build.ts';
import { scratchFolder } from './scratch-folder.ts';

export interface MergeOptions extends Omit<BuildOptions, 'previousBuild' | 'shard'> {
  shardDirs: string[];
}

/** What the shard outputs hold: each server's key, file count and the folder its pages are in. */
interface ShardPages {
  keys: Map<string, string>;
  files: Map<string, number>;
  folders: Map<string, string>;
  /** Shards of an n-way split that no output given holds. */
  missing: string[];
}

/**
 * Assembles shard builds (`build --shard i/n`) into one site: the shards' server pages are
 * hard-linked into a folder that stands in for a previous build, and an ordinary build of the whole
 * catalog reuses them, rendering only the listings, sitemap, machine-readable files and the one
 * search index. A server no shard holds with the same key (a missing shard, a shard built from
 * other data or code) is rendered here, so the result is always what one build would make. A
 * shard that lacks pages its manifest lists is damaged, not stale: the merge fails, naming it.
 */
export async function mergeShards(options: MergeOptions, io: CommandIO): Promise<number> {
  const log = new BuildLogger(io, { name: 'policy-atlas merge', quiet: options.quiet ?? false });
  const pages = readShards(options.shardDirs.map((dir) => resolve(dir)));
  if (typeof pages === 'string') {
    log.error(pages);
    return 2;
  }
  for (const shard of pages.missing) log.warn(`no output for shard ${shard} was given; its servers are rendered here.`);
  const outDir = resolve(options.outDir);
  const assembled = scratchFolder(dirname(outDir), `.${basename(outDir)}.merge-`);
  try {
    let files = 0;
    for (const [slug, folder] of pages.folders) {
      const expected = pages.files.get(slug)!;
      const linked = linkServer(folder, slug, join(assembled, 'servers', slug));
      if (linked !== expected) {
        log.error(
          `${folder} does not hold the pages its manifest lists for server "${slug}": ${expected} files under servers/${slug}/, found ${linked ?? 'no such folder'}; build that shard again.`,
        );
        return 2;
      }
      files += expected;
    }
    writeFileSync(join(assembled, BUILD_MARKER), manifestText(manifestOf(pages.keys, pages.files)));
    log.info(`${pages.keys.size} servers from ${options.shardDirs.length} shard outputs (${files.toLocaleString('en')} files linked)`);
    return await runBuild({ ...options, previousBuild: assembled }, io);
  } finally {
    rmSync(assembled, { recursive: true, force: true });
  }
}

/** Links a shard's folder of one server; undefined when it has none (a link to elsewhere is none: its target is not the shard's). */
function linkServer(shard: string, slug: string, to: string): number | undefined {
  const folder = join(shard, 'servers', slug);
  const isRealFolder = (path: string) => existsSync(path) && lstatSync(path).isDirectory();
  if (!isRealFolder(join(shard, 'servers')) || !isRealFolder(folder)) return undefined;
  return linkTree(folder, to);
}

function readShards(dirs: string[]): ShardPages | string {
  const keys = new Map<string, string>();
  const files = new Map<string, number>();
  const folders = new Map<string, string>();
  const seen = new Set<number>();
  let count: number | undefined;
  for (const dir of dirs) {
    if (!existsSync(join(dir, BUILD_MARKER))) return `${dir} is not a Policy Atlas build (no ${BUILD_MARKER} file)`;
    let manifest: BuildManifest;
    try {
      manifest = readManifest(dir);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      return `${dir} is not a build's output as this version writes it:\n${error.lines.map((line) => `  ${line}`).join('\n')}`;
    }
    const shard = manifest.shard === undefined ? undefined : parseShard(manifest.shard);
    if (shard) {
      if (count !== undefined && shard.count !== count) return `${dir} is shard ${manifest.shard}, but other outputs split the catalog ${count} ways`;
      if (seen.has(shard.index)) return `${dir} is shard ${manifest.shard} again`;
      count = shard.count;
      seen.add(shard.index);
    }
    for (const [slug, key] of Object.entries(manifest.servers)) {
      if (keys.has(slug)) continue;
      keys.set(slug, key);
      files.set(slug, manifest.files[slug]!);
      folders.set(slug, dir);
    }
  }
  const missing: string[] = [];
  if (count !== undefined) for (let i = 1; i <= count; i++) if (!seen.has(i)) missing.push(`${i}/${count}`);
  return { keys, files, folders, missing };
}
