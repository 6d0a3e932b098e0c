import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

function build(catalogDir: string, outDir: string) {
  return spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8', env: { ...process.env, CATALOG_DIR: catalogDir, OUT_DIR: outDir } });
}

describe('a build over bad data', () => {
  it('exits non-zero, names the file and JSON path, and leaves the previous dist/ untouched', () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-bad-'));
    mkdirSync(join(root, 'catalog/servers'), { recursive: true });
    writeFileSync(join(root, 'catalog/servers/good.json'), JSON.stringify({ name: 'Good', tools: [{ name: 'list_things' }] }));
    writeFileSync(join(root, 'catalog/servers/bad.json'), JSON.stringify({ name: 'Bad', tools: [{ name: 'x', annotations: { readOnlyHint: 'yes' } }, { description: 'no name' }] }));
    writeFileSync(join(root, 'catalog/servers/broken.json'), '{ "name": "Broken", "tools": [ ] ,, }');
    const outDir = join(root, 'dist');
    mkdirSync(outDir);
    writeFileSync(join(outDir, 'index.html'), 'previous good build');

    const result = build(join(root, 'catalog'), outDir);

    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines[0]).toBe(`policy-atlas: the catalog has 3 problems; nothing was built and ${outDir} is unchanged.`);
    expect(lines).toContain(`  ${relative(process.cwd(), join(root, 'catalog/servers/bad.json'))} › tools[0].annotations.readOnlyHint: expected a boolean (true or false), got the string "yes"`);
    expect(result.stderr).toMatch(/bad\.json › tools\[1\]\.name: required, but missing \(expected a string\)/);
    expect(result.stderr).toMatch(/broken\.json: not valid JSON: .* at line 1, column \d+/);
    expect(readFileSync(join(outDir, 'index.html'), 'utf8')).toBe('previous good build');
  });
});
