import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Vite's own import.meta.env names, as a CI or a shell may set them for other tools.
const STRAY = { BASE_URL: '/elsewhere/', SITE: 'https://stray.example', MODE: 'development' };

describe('a build in an environment that sets BASE_URL and SITE for something else', () => {
  it('links under BASE_PATH and addresses pages at SITE_URL all the same', () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'atlas-stray-env-')), 'site');
    const env = { ...process.env, ...STRAY, CATALOG_DIR: resolve('data'), OUT_DIR: outDir, BASE_PATH: '/atlas/', SITE_URL: 'https://atlas.example' };
    const result = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8', env });
    expect(result.status, result.stderr).toBe(0);
    const home = readFileSync(join(outDir, 'index.html'), 'utf8');
    expect(home).toContain('href="/atlas/servers/');
    expect(home).toContain('https://atlas.example/atlas/');
    expect(home).not.toContain('/elsewhere/');
    expect(home).not.toContain('stray.example');
  });
});

describe('policy-atlas build --quiet', () => {
  it('builds the same site and says nothing on success', () => {
    const outDir = join(mkdtempSync(join(tmpdir(), 'atlas-quiet-')), 'site');
    const result = spawnSync(process.execPath, ['bin/policy-atlas.mjs', 'build', '--quiet', '--catalog', 'data', '--out', outDir], {
      encoding: 'utf8',
      env: process.env,
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('');
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toContain('href="/servers/');
  });
});
