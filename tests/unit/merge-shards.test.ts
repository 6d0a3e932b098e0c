import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectIO } from '../support/command-io.ts';
import { previousServerKeys } from '../../src/build/build-manifest.ts';
import { BUILD_MARKER } from '../../src/build/build-entries.ts';
import { mergeShards } from '../../src/build/merge-shards.ts';

const temp = () => realpathSync(mkdtempSync(join(tmpdir(), 'atlas-merge-')));

function catalogIn(root: string): string {
  const catalog = join(root, 'catalog');
  mkdirSync(join(catalog, 'servers'), { recursive: true });
  writeFileSync(join(catalog, 'servers/keep.json'), JSON.stringify({ name: 'Keep', tools: [{ name: 'list_things' }] }));
  return catalog;
}

/** A shard output whose manifest says what `manifest` says, holding `pages` (paths under the shard, or above it). */
function shardOutput(root: string, manifest: object, pages: string[]): string {
  const shard = join(root, 'shards/one');
  mkdirSync(shard, { recursive: true });
  writeFileSync(join(shard, BUILD_MARKER), JSON.stringify({ generator: 'policy-atlas', shard: '1/1', ...manifest }));
  for (const page of pages) {
    mkdirSync(join(shard, page, '..'), { recursive: true });
    writeFileSync(join(shard, page), 'page');
  }
  return shard;
}

/** Runs the merge in this process; its exit code and what it printed as errors. */
async function merge(root: string, shard: string): Promise<{ code: number; errors: string }> {
  mkdirSync(join(root, 'site'), { recursive: true });
  const { io, written } = collectIO();
  const code = await mergeShards({ catalogDir: catalogIn(root), outDir: join(root, 'site/out'), shardDirs: [shard] }, io);
  return { code, errors: written.stderr };
}

const SERVER_FILES = ['index.html', 'tools.json', 'flows.json', 'policy.json', 'changes.xml'];

describe('merge, over a shard manifest it must not trust', () => {
  it('refuses a server slug with "..", and writes nothing outside --out', async () => {
    const root = temp();
    // servers/../../escape from the shard is root/shards/escape; from the merge's folder beside --out it is root/site/escape.
    const shard = shardOutput(root, { servers: { '../../escape': 'k' }, files: { '../../escape': 1 } }, ['../escape/index.html']);
    const { code, errors } = await merge(root, shard);
    expect(code).toBe(2);
    expect(errors).toContain(
      `${shard}/.policy-atlas-build › servers["../../escape"]: the key is refused: a server slug is lowercase letters, digits and single dashes`,
    );
    expect(existsSync(join(root, 'site/escape'))).toBe(false);
    expect(readdirSync(join(root, 'site'))).toEqual([]);
  });

  it('fails on a shard that lacks a page of a server its manifest lists, naming shard and server', async () => {
    const root = temp();
    const pages = SERVER_FILES.map((name) => `servers/keep/${name}`);
    const shard = shardOutput(root, { servers: { keep: 'k' }, files: { keep: SERVER_FILES.length + 1 } }, pages);
    const { code, errors } = await merge(root, shard);
    expect(code).toBe(2);
    expect(errors).toContain(`${shard} does not hold the pages its manifest lists for server "keep": 6 files under servers/keep/, found 5`);
    expect(readdirSync(join(root, 'site'))).toEqual([]);
  });

  it('fails on a shard whose server folder is a link to elsewhere', async () => {
    const root = temp();
    const shard = shardOutput(root, { servers: { keep: 'k' }, files: { keep: 1 } }, []);
    mkdirSync(join(root, 'private'));
    writeFileSync(join(root, 'private/index.html'), 'not for the site');
    mkdirSync(join(shard, 'servers'));
    symlinkSync(join(root, 'private'), join(shard, 'servers/keep'));
    const { code, errors } = await merge(root, shard);
    expect(code).toBe(2);
    expect(errors).toMatch(/for server "keep": 1 files under servers\/keep\/, found no such folder/);
  });
});

describe('the previous build an incremental build reuses', () => {
  it('is not trusted when its manifest names a path for a server', () => {
    const root = temp();
    mkdirSync(join(root, 'escape'));
    writeFileSync(join(root, 'escape/index.html'), 'page');
    const previous = join(root, 'previous');
    mkdirSync(previous);
    writeFileSync(join(previous, BUILD_MARKER), JSON.stringify({ generator: 'policy-atlas', servers: { '../../escape': 'k' }, files: { '../../escape': 1 } }));
    expect(previousServerKeys(previous)).toBeUndefined();
  });
});
