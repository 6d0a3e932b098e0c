import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_MARKER } from '../../src/build/output-guard.ts';
import { buildsFolderOf } from '../../src/build/publish.ts';
import { CATALOG_CACHE_NAME } from '../../src/build/catalog/catalog-cache.ts';
import { listFiles } from '../support/html-files.ts';

function build(catalogDir: string, outDir: string, env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8', env: { ...process.env, CATALOG_DIR: catalogDir, OUT_DIR: outDir, ...env } });
}

/** Every file under `dir` with a hash of its bytes, to compare a folder byte for byte. */
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

/** A previous "good" dist/ with a few files in folders. */
function previousDist(root: string): string {
  const outDir = join(root, 'dist');
  mkdirSync(join(outDir, 'servers/a'), { recursive: true });
  writeFileSync(join(outDir, 'index.html'), 'previous good build');
  writeFileSync(join(outDir, 'servers/a/index.html'), '<h1>a</h1>');
  writeFileSync(join(outDir, 'robots.txt'), 'User-agent: *');
  writeFileSync(join(outDir, BUILD_MARKER), '{}');
  return outDir;
}

describe('a build over bad data', () => {
  it('exits non-zero, names the file and JSON path, and leaves the previous dist/ untouched', () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-bad-'));
    mkdirSync(join(root, 'catalog/servers'), { recursive: true });
    writeFileSync(join(root, 'catalog/servers/good.json'), JSON.stringify({ name: 'Good', tools: [{ name: 'list_things' }] }));
    writeFileSync(
      join(root, 'catalog/servers/bad.json'),
      JSON.stringify({ name: 'Bad', tools: [{ name: 'x', annotations: { readOnlyHint: 'yes' } }, { description: 'no name' }] }),
    );
    writeFileSync(join(root, 'catalog/servers/broken.json'), '{ "name": "Broken", "tools": [ ] ,, }');
    const figures = JSON.parse(readFileSync('tests/fixtures/accuracy/accuracy.json', 'utf8'));
    writeFileSync(join(root, 'catalog/accuracy.json'), JSON.stringify({ ...figures, measuredOn: 'yesterday' }));
    const outDir = previousDist(root);
    const before = snapshot(outDir);

    const result = build(join(root, 'catalog'), outDir);

    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(`policy-atlas: the catalog has 4 problems; nothing was built and ${outDir} is unchanged.`);
    expect(lines).toContain(
      `  ${relative(process.cwd(), join(root, 'catalog/servers/bad.json'))} › tools[0].annotations.readOnlyHint: expected a boolean (true or false), got the string "yes"`,
    );
    expect(result.stderr).toMatch(/bad\.json › tools\[1\]\.name: required, but missing \(expected a string\)/);
    expect(result.stderr).toMatch(/broken\.json: not valid JSON: .* at line 1, column \d+/);
    // The published figures are checked with the servers, and said with them.
    expect(lines).toContain(
      `  ${relative(process.cwd(), join(root, 'catalog/accuracy.json'))} › measuredOn: must be an ISO date (YYYY-MM-DD), got the string "yesterday"`,
    );
    expect(snapshot(outDir)).toEqual(before);
  });

  it('leaves the previous dist/ byte for byte when Astro itself fails, and cleans up its staging folder', () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-crash-'));
    const outDir = previousDist(root);
    const before = snapshot(outDir);
    // A site URL Astro refuses makes the build fail after validation, inside Astro.
    const result = build(resolve('data'), outDir, { SITE_URL: 'not a url' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`policy-atlas: the build failed; ${outDir} is unchanged.`);
    expect(snapshot(outDir)).toEqual(before);
    // No staging folder is left; the catalog's reading, valid, is kept for the next build.
    expect(readdirSync(buildsFolderOf(outDir))).toEqual(['.cache']);
    expect(readdirSync(join(buildsFolderOf(outDir), '.cache'))).toContain(CATALOG_CACHE_NAME);
  });
});

describe('a build over data that MCP clients accept', () => {
  it('builds a tool with null fields and a repeated name, and prints one warning line per oddity', () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-odd-'));
    mkdirSync(join(root, 'catalog/servers'), { recursive: true });
    writeFileSync(
      join(root, 'catalog/servers/odd.json'),
      JSON.stringify({
        name: 'Odd',
        tools: [
          { name: 'get_thing', description: null, inputSchema: null, annotations: { readOnlyHint: null } },
          { name: 'get_thing', description: 'The same name again.' },
        ],
      }),
    );
    const outDir = join(root, 'site');
    const result = build(join(root, 'catalog'), outDir);
    expect(result.stderr).toMatch(/odd\.json › tools\[0\]\.description: null, read as not given/);
    expect(result.stderr).toMatch(/odd\.json › tools\[1\]\.name: .*get_thing.*/);
    expect(result.status).toBe(0);
    expect(
      readdirSync(join(outDir, 'servers/odd'))
        .filter((name) => !/\.(json|xml)$/.test(name))
        .sort(),
    ).toEqual(['get-thing', 'get-thing-2', 'index.html']);
  });
});
