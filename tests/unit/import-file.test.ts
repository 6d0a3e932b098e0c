import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServerFile } from '../../src/build/catalog/load.ts';
import { run as importCommand } from '../../src/cli/import-command.ts';
import { runCommand } from '../support/command-io.ts';

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
  result: {
    tools: [
      { name: 'list_notes', description: 'Lists notes.' },
      { name: 'delete_note', description },
    ],
  },
});

describe('policy-atlas import --file', () => {
  it('writes data/servers/<slug>.json from --name, then reports a changed tool and keeps overrides', async () => {
    const first = await runCommand(importCommand, ['--file', write('v1.json', notes('Deletes a note.')), '--name', 'Notes Server', '--now', '2025-01-01'], {
      cwd: dir,
    });
    expect(first.code).toBe(0);
    const out = join(dir, 'data/servers/notes-server.json');
    expect(first.stdout).toBe('data/servers/notes-server.json: 2 added, 0 removed, 0 changed, 0 unchanged\n  + list_notes\n  + delete_note\n');

    // An editor adds an override and a description; the next import keeps both.
    const edited = JSON.parse(readFileSync(out, 'utf8'));
    edited.description = 'A notes server.';
    edited.tools[1].overrides = { level: 'critical', rationale: 'Deletes without a trash.' };
    writeFileSync(out, JSON.stringify(edited, null, 2));

    const second = await runCommand(importCommand, ['--file', write('v2.json', notes('Deletes a note forever.')), '--out', out, '--now', '2025-02-01'], {
      cwd: dir,
    });
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('data/servers/notes-server.json: 0 added, 0 removed, 1 changed, 1 unchanged\n  ~ delete_note: description\n');
    const { data } = loadServerFile(out);
    expect(data.description).toBe('A notes server.');
    expect(data.tools[1]).toMatchObject({
      description: 'Deletes a note forever.',
      overrides: { level: 'critical' },
      firstSeen: '2025-01-01',
      lastChanged: '2025-02-01',
    });
    expect(data.tools[0]).toMatchObject({ firstSeen: '2025-01-01', lastChanged: '2025-01-01' });
  }, 30_000);

  it.each<[string, string[], string]>([
    [
      'a broken dump',
      ['--file', 'broken.json', '--name', 'X'],
      'policy-atlas import: broken.json › tools[0].name: required, but missing (expected a string)\n',
    ],
    [
      'an --out that is not a slug',
      ['--file', 'anonymous.json', '--out', 'data/servers/My Server.json'],
      'policy-atlas import: --out data/servers/My Server.json: the file name must be the server slug and end in .json, e.g. data/servers/my-server.json\n',
    ],
    [
      'a --slug that differs from --out',
      ['--file', 'anonymous.json', '--out', 'data/servers/a.json', '--slug', 'b'],
      'policy-atlas import: --slug "b" differs from the file name "a" (hint: the catalog names each data file after its slug)\n',
    ],
  ])(
    '%s: a clear message, exit 1, nothing written',
    async (_, args, message) => {
      write('broken.json', { tools: [{ description: 'no name' }] });
      write('anonymous.json', [{ name: 'a' }]);
      const cwd = mkdtempSync(join(dir, 'cwd-'));
      const result = await runCommand(importCommand, [...args.map((a) => (a.endsWith('.json') && !a.includes('/') ? join(dir, a) : a))], { cwd });
      expect(result.stderr.replaceAll(`${dir}/`, '')).toBe(`${message}policy-atlas import: nothing was written\n`);
      expect(result.code).toBe(1);
      expect(existsSync(join(cwd, 'data'))).toBe(false);
    },
    30_000,
  );
});

describe('policy-atlas import: the server name and the file it goes to', () => {
  const listOnly = [{ name: 'list_notes', description: 'Lists notes.' }];
  const run = (args: string[]) => {
    const cwd = mkdtempSync(join(dir, 'names-'));
    return { cwd, result: runCommand(importCommand, [...args], { cwd }) };
  };

  it.each<[string, string[], string, string, string]>([
    // The README's example: a saved tools/list result and --out, nothing else.
    [
      '--out alone names it (slug words capitalised)',
      ['--out', 'data/servers/my-server.json'],
      'data/servers/my-server.json',
      'My Server',
      'the --out file name',
    ],
    ['--slug alone', ['--slug', 'notes-db'], 'data/servers/notes-db.json', 'Notes Db', '--slug'],
    ['else the input file name', [], 'data/servers/tools-list.json', 'Tools List', 'the --file name'],
  ])(
    '%s',
    async (_, flags, path, name, from) => {
      const input = write('tools-list.json', { tools: listOnly });
      const { cwd, result } = run(['--file', input, ...flags]);
      const { stderr, code } = await result;
      expect(stderr).toBe(`policy-atlas import: name: "${name}" (from ${from}; pass --name to choose another)\n`);
      expect(code).toBe(0);
      expect(loadServerFile(join(cwd, path)).data.name).toBe(name);
    },
    30_000,
  );

  it('what the server calls itself (serverInfo title, else name) comes before file names', async () => {
    const input = write('titled.json', { serverInfo: { name: 'notes-srv', title: 'Notes Server' }, tools: listOnly });
    const { cwd, result } = run(['--file', input, '--out', 'data/servers/mine.json']);
    const { stderr, code } = await result;
    expect(stderr).toBe('policy-atlas import: name: "Notes Server" (from the server\'s serverInfo.title; pass --name to choose another)\n');
    expect(code).toBe(0);
    expect(loadServerFile(join(cwd, 'data/servers/mine.json')).data.name).toBe('Notes Server');
  }, 30_000);

  it('an existing data file keeps the name its editors gave it, unless --name says otherwise', async () => {
    const cwd = mkdtempSync(join(dir, 'kept-'));
    const out = join(cwd, 'notes.json');
    writeFileSync(out, JSON.stringify({ name: 'Notes (by Acme)', tools: listOnly }));
    const input = write('renamed.json', { serverInfo: { name: 'notes-v2' }, tools: listOnly });
    const kept = await runCommand(importCommand, ['--file', input, '--out', out], { cwd });
    expect(kept.stderr).toBe('policy-atlas import: name: "Notes (by Acme)" (kept from notes.json; pass --name to choose another)\n');
    expect(loadServerFile(out).data.name).toBe('Notes (by Acme)');
    const renamed = await runCommand(importCommand, ['--file', input, '--out', out, '--name', 'Acme Notes'], { cwd });
    expect(renamed.stderr).toBe('policy-atlas import: name: "Acme Notes" (from --name)\n');
    expect(loadServerFile(out).data.name).toBe('Acme Notes');
  }, 30_000);

  describe('a server does not choose which file to overwrite', () => {
    const existing = { name: 'GitHub', tools: [{ name: 'create_issue' }, { name: 'delete_repo' }] };
    const impostor = write('impostor.json', { serverInfo: { name: 'Github' }, tools: listOnly });
    const setUp = () => {
      const cwd = mkdtempSync(join(dir, 'impostor-'));
      const path = join(cwd, 'data/servers/github.json');
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, JSON.stringify(existing));
      return { cwd, path };
    };

    it('without --out, --slug or --update: refused, naming the file, the file untouched', async () => {
      const { cwd, path } = setUp();
      const result = await runCommand(importCommand, ['--file', impostor], { cwd });
      expect(result.stderr).toBe(
        'policy-atlas import: data/servers/github.json already exists, and only the server\'s own name ("Github") points there (hint: to update it, pass --out data/servers/github.json, --slug github or --update; for a new file, pass --out or --name)\n' +
          'policy-atlas import: nothing was written\n',
      );
      expect(result.code).toBe(1);
      expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(existing);
    }, 30_000);

    it.each<[string, string[]]>([
      ['--update', ['--update']],
      ['--slug', ['--slug', 'github']],
      ['--out', ['--out', 'data/servers/github.json']],
    ])(
      'with %s the user chose it: updated',
      async (_, flags) => {
        const { cwd, path } = setUp();
        const result = await runCommand(importCommand, ['--file', impostor, ...flags], { cwd });
        expect(result.code).toBe(0);
        expect(result.stdout).toContain('1 added, 2 removed');
        expect(loadServerFile(path).data).toMatchObject({ name: 'GitHub', tools: [{ name: 'list_notes' }] });
      },
      30_000,
    );
  });

  it('prints tool names with their control characters escaped', async () => {
    const input = write('hostile.json', { tools: [{ name: 'ok\r\u001b[2K  - delete_everything' }] });
    const { result } = run(['--file', input, '--name', 'Hostile']);
    const { stdout, code } = await result;
    expect(code).toBe(0);
    expect(stdout).toBe(`data/servers/hostile.json: 1 added, 0 removed, 0 changed, 0 unchanged\n  + ${String.raw`ok\u000d\u001b[2K  - delete_everything`}\n`);
  }, 30_000);
});

describe('policy-atlas import --file of a large list', () => {
  it('says each of its warnings, then sums them up by kind', async () => {
    const tools = Array.from({ length: 300 }, (_, i) => ({ name: `tool_${i}`, title: null, annotations: { readOnlyHint: null } }));
    const input = write('many-nulls.json', { tools });
    const { stderr, code } = await runCommand(importCommand, ['--file', input, '--out', join(dir, 'data/servers/many.json')], { cwd: dir });
    expect(code).toBe(0);
    const lines = stderr.replaceAll(`${dir}/`, '').trimEnd().split('\n');
    expect(lines.slice(0, 600)).toEqual(
      tools.flatMap((_, i) => [
        `policy-atlas import: many-nulls.json › tools[${i}].title: null, read as not given`,
        `policy-atlas import: many-nulls.json › tools[${i}].annotations.readOnlyHint: null, read as not given`,
      ]),
    );
    expect(lines.slice(600)).toEqual([
      'policy-atlas import: In all, 600 warnings of 2 kinds, each with its count and first example:',
      'policy-atlas import:   300× many-nulls.json › tools[0].title: null, read as not given',
      'policy-atlas import:   300× many-nulls.json › tools[0].annotations.readOnlyHint: null, read as not given',
      'policy-atlas import: name: "Many" (from the --out file name; pass --name to choose another)',
    ]);
  }, 30_000);
});
