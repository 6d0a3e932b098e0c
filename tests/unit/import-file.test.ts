import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServerFile } from '../../src/core/catalog/load.ts';
import { runCli } from '../support/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'policy-atlas-import-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const write = (name: string, json: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
};
const notes = (description: string) => ({
  jsonrpc: '2.0',
  id: 1,
  result: { tools: [{ name: 'list_notes', description: 'Lists notes.' }, { name: 'delete_note', description }] },
});

describe('policy-atlas import --file', () => {
  it('writes data/servers/<slug>.json from --name, then reports a changed tool and keeps overrides', async () => {
    const first = await runCli(['import', '--file', write('v1.json', notes('Deletes a note.')), '--name', 'Notes Server', '--now', '2025-01-01'], { cwd: dir });
    expect(first.code).toBe(0);
    const out = join(dir, 'data/servers/notes-server.json');
    expect(first.stdout).toBe('data/servers/notes-server.json: 2 added, 0 removed, 0 changed, 0 unchanged\n  + list_notes\n  + delete_note\n');

    // An editor adds an override and a description; the next import keeps both.
    const edited = JSON.parse(readFileSync(out, 'utf8'));
    edited.description = 'A notes server.';
    edited.tools[1].overrides = { level: 'critical', rationale: 'Deletes without a trash.' };
    writeFileSync(out, JSON.stringify(edited, null, 2));

    const second = await runCli(['import', '--file', write('v2.json', notes('Deletes a note forever.')), '--out', out, '--now', '2025-02-01'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('data/servers/notes-server.json: 0 added, 0 removed, 1 changed, 1 unchanged\n  ~ delete_note: description\n');
    const { data } = loadServerFile(out);
    expect(data.description).toBe('A notes server.');
    expect(data.tools[1]).toMatchObject({ description: 'Deletes a note forever.', overrides: { level: 'critical' }, firstSeen: '2025-01-01', lastChanged: '2025-02-01' });
    expect(data.tools[0]).toMatchObject({ firstSeen: '2025-01-01', lastChanged: '2025-01-01' });
  }, 30_000);

  it.each<[string, string[], string]>([
    ['a broken dump', ['--file', 'broken.json', '--name', 'X'], 'policy-atlas import: broken.json › tools[0].name: required, but missing (expected a string)\n'],
    ['a dump that does not say which server', ['--file', 'anonymous.json'], 'policy-atlas import: the input does not say which server it is: pass --name "…" or --out data/servers/<slug>.json\n'],
    ['an --out that is not a slug', ['--file', 'anonymous.json', '--out', 'data/servers/My Server.json'], 'policy-atlas import: --out data/servers/My Server.json: the file name must be the server slug and end in .json, e.g. data/servers/my-server.json\n'],
    ['a --slug that differs from --out', ['--file', 'anonymous.json', '--out', 'data/servers/a.json', '--slug', 'b'], 'policy-atlas import: --slug "b" differs from the file name "a" (hint: the catalog names each data file after its slug)\n'],
  ])('%s: a clear message, exit 1, nothing written', async (_, args, message) => {
    write('broken.json', { tools: [{ description: 'no name' }] });
    write('anonymous.json', [{ name: 'a' }]);
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const result = await runCli(['import', ...args.map((a) => (a.endsWith('.json') && !a.includes('/') ? join(dir, a) : a))], { cwd });
    expect(result.stderr.replaceAll(`${dir}/`, '')).toBe(`${message}policy-atlas import: nothing was written\n`);
    expect(result.code).toBe(1);
    expect(existsSync(join(cwd, 'data'))).toBe(false);
  }, 30_000);
});
