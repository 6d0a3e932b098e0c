import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardOf } from '../../src/build/shards.ts';
import { launchChromium } from '../support/browser.ts';
import { listFiles } from '../support/html-files.ts';
import { SAMPLE_AT_ROOT, sampleSiteAtRoot } from '../support/shared-sites.ts';
import { serveSite } from '../support/static-server.ts';

const root = mkdtempSync(join(tmpdir(), 'atlas-shards-'));
// The project's sample, as the run's shared build of it (a server's key holds its file's path from the working folder).
const catalog = resolve('data');

/** Runs the command line as a user would; the sample is built at the site root. */
const cliEnv = { ...process.env, BASE_PATH: SAMPLE_AT_ROOT.base, CATALOG_DIR: '', OUT_DIR: '' };
function atlas(...args: string[]) {
  const result = spawnSync(process.execPath, ['bin/policy-atlas.mjs', ...args], { encoding: 'utf8', env: cliEnv });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

/** The same, not waiting: several builds from one checkout run at once. */
function atlasAsync(...args: string[]): Promise<{ status: number | null; out: string }> {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, ['bin/policy-atlas.mjs', ...args], { env: cliEnv });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('close', (status) => resolvePromise({ status, out }));
  });
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
}

// One build of the whole catalog, at the root as here: the run's shared one (the same code, base path and servers).
let single: string;
beforeAll(async () => {
  single = (await sampleSiteAtRoot()).dir;
});

const serverSlugs = () => [
  ...new Set(
    listFiles(single)
      .filter((f) => /^servers\/[^/]+\/index\.html$/.test(f))
      .map((f) => f.split('/')[1]!),
  ),
];

describe.each([2, 3])('a catalog built as %i shards and merged', (n) => {
  const merged = join(root, `merged-${n}`);
  const shardDir = (i: number) => join(root, `shard-${i}-of-${n}`);

  beforeAll(async () => {
    // At once, as a matrix's jobs may share a runner: builds of one checkout into folders outside
    // it once collided in Astro's scratch folder inside the checkout.
    const shards = await Promise.all(
      Array.from({ length: n }, (_, i) => atlasAsync('build', '--catalog', catalog, '--out', shardDir(i + 1), '--shard', `${i + 1}/${n}`)),
    );
    for (const shard of shards) expect(shard.status, shard.out).toBe(0);
    const merge = atlas('merge', ...Array.from({ length: n }, (_, i) => shardDir(i + 1)), '--catalog', catalog, '--out', merged);
    expect(merge.status, merge.out).toBe(0);
    expect(merge.out).toMatch(/rendered 0 of \d+ servers/);
  });

  it('holds in each shard only its own servers, every server in one shard', () => {
    const slugs = serverSlugs();
    for (let i = 1; i <= n; i++) {
      const held = listFiles(shardDir(i))
        .filter((f) => /^servers\/[^/]+\/index\.html$/.test(f))
        .map((f) => f.split('/')[1]!);
      expect(held.sort()).toEqual(slugs.filter((s) => shardOf(s, n) === i).sort());
      // The listings are the merge's: made from the whole catalog, once.
      expect(listFiles(shardDir(i)).filter((f) => /^(risk\/[^/]+\/|categories\/[^/]+\/|sitemap-\d)/.test(f))).toEqual([]);
    }
  });

  it('is identical, file for file, to one build of the whole catalog', () => {
    expect(snapshot(merged)).toEqual(snapshot(single));
  });

  it('finds a tool from each shard with one search', async () => {
    const site = await serveSite(merged, '/');
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      for (let i = 1; i <= n; i++) {
        const servers = (JSON.parse(readFileSync(join(merged, 'catalog.json'), 'utf8')) as { servers: { slug: string; tools: { name: string }[] }[] }).servers;
        const name = servers.find((s) => shardOf(s.slug, n) === i && s.tools.length > 0)!.tools[0]!.name;
        await page.goto(`${site.url}search/?q=${encodeURIComponent(name)}`);
        await page
          .getByRole('status')
          .filter({ hasText: /\d+ results?\.|servers match/ })
          .waitFor();
        expect(await page.locator('[data-results] li h2').first().innerText()).toBe(name);
      }
    } finally {
      await browser.close();
      await site.close();
    }
  });
});

describe('a catalog rendered by several page processes at once', () => {
  it('is identical, file for file, to a build in one process', () => {
    const out = join(root, 'jobs-3');
    const built = atlas('build', '--catalog', catalog, '--out', out, '--jobs', '3');
    expect(built.status, built.out).toBe(0);
    expect(built.out).toMatch(/rendering pages in 3 processes/);
    expect(snapshot(out)).toEqual(snapshot(single));
  });

  it('refuses a number of processes it cannot run', () => {
    expect(atlas('build', '--jobs', '0', '--catalog', catalog, '--out', join(root, 'j0')).status).toBe(2);
    expect(atlas('build', '--jobs', 'many', '--catalog', catalog, '--out', join(root, 'j0')).status).toBe(2);
  });
});

describe('merge refuses what it cannot assemble', () => {
  it('exits 2 on a folder no build made, and on shards of different splits', () => {
    expect(atlas('merge', catalog, '--catalog', catalog, '--out', join(root, 'x')).status).toBe(2);
    expect(atlas('merge', join(root, 'shard-1-of-2'), join(root, 'shard-1-of-3'), '--catalog', catalog, '--out', join(root, 'y')).status).toBe(2);
    expect(atlas('build', '--shard', '3/2', '--catalog', catalog, '--out', join(root, 'z')).status).toBe(2);
  });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));
