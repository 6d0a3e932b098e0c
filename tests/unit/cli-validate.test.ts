import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/validate-command.ts';
import { runCommand } from '../support/command-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'policy-atlas-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes `name` in the temp directory; returns the name, which commands resolve from that directory. */
function file(name: string, content: string): string {
  writeFileSync(join(dir, name), content);
  return name;
}

/** Runs the command in this process, from the temp directory. */
async function cli(...args: string[]) {
  const { code, stdout, stderr } = await runCommand(run, args, { cwd: dir });
  return { status: code, stdout, stderr };
}

const VALID = file('valid.json', JSON.stringify({ version: '1', default: 'deny', tools: { read_file: {} } }, null, 2));
const WARNED = file('warned.json', JSON.stringify({ version: '1', default: 'allow' }, null, 2));
const INVALID = file(
  'invalid.json',
  [
    '{',
    '  "version": "1",',
    '  "default": "deny",',
    '  "tools": {',
    '    "x": { "limits": [ { "counter": "c", "window": "minute", "max": 0, "scope": "grant" } ] }',
    '  }',
    '}',
  ].join('\n'),
);
const BROKEN = file('broken.json', '{\n  "version": "1",\n}');
const TYPO = file('typo.json', JSON.stringify({ version: '1', default: 'deny', tools: { read_fil: {}, 'list_*': {} } }, null, 2));

describe('policy-atlas validate', () => {
  it.each<[string, string[], number, string]>([
    ['a valid policy', [VALID], 0, 'valid.json: valid (0 errors, 0 warnings)\n'],
    [
      'warnings alone keep it valid',
      [WARNED],
      0,
      'warned.json:3:3 warning › default: "allow" with no limits anywhere: every tool the policy does not name runs without a limit (hint: add all_tools.limits, or use "default": "deny")\n' +
        'warned.json: valid (0 errors, 1 warning)\n',
    ],
    [
      'a schema error, at its line and column',
      [INVALID],
      1,
      'invalid.json:5:62 error › tools.x.limits[0].max: must be a positive integer (1 or more), got number 0\ninvalid.json: invalid (1 error, 0 warnings)\n',
    ],
    [
      'a syntax error',
      [BROKEN],
      1,
      'broken.json:2:17 error: not valid JSON: a comma before "}" (hint: remove the trailing comma; JSON allows none)\nbroken.json: invalid (1 error, 0 warnings)\n',
    ],
  ])('%s', async (_name, args, status, stdout) => {
    expect(await cli(...args)).toEqual({ status, stdout, stderr: '' });
  });

  it('--json prints { ok, problems } and keeps the exit status', async () => {
    const result = await cli(INVALID, '--json');
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toEqual({
      ok: false,
      problems: [
        {
          severity: 'error',
          kind: 'schema',
          message: 'tools.x.limits[0].max: must be a positive integer (1 or more), got number 0',
          path: ['tools', 'x', 'limits', 0, 'max'],
          line: 5,
          column: 62,
        },
      ],
    });
    expect(JSON.parse((await cli('--json', VALID)).stdout)).toEqual({ ok: true, problems: [] });
  });

  it('--catalog warns about a tool no server has, with a did-you-mean', async () => {
    mkdirSync(join(dir, 'catalog/servers'), { recursive: true });
    file('catalog/servers/files.json', JSON.stringify({ name: 'Files', tools: [{ name: 'read_file' }, { name: 'list_directory' }] }));
    const result = await cli(TYPO, '--catalog', 'catalog');
    expect(result).toEqual({
      status: 0,
      stdout:
        'typo.json:5:5 warning › tools.read_fil: no server in the catalog has a tool named "read_fil" (hint: did you mean "read_file"?)\n' +
        'typo.json: valid (0 errors, 1 warning)\n',
      stderr: '',
    });
    expect((await cli(TYPO)).stdout).toBe('typo.json: valid (0 errors, 0 warnings)\n');
  });

  it.each<[string, string[], RegExp]>([
    ['no file', [], /which policy file\?/],
    ['two files', [VALID, WARNED], /one policy file at a time/],
    ['an unknown option', [VALID, '--strict'], /unknown option "--strict"/],
    ['--catalog without a directory', [VALID, '--catalog'], /--catalog needs a directory/],
    ['a file that does not exist', ['missing.json'], /cannot read "missing.json"/],
    ['a directory instead of a file', ['.'], /cannot read "\."/],
    ['a catalog that does not exist', [VALID, '--catalog', 'nowhere'], /cannot use the catalog "nowhere":\nnowhere\/servers: no such directory/],
  ])('exits 2 on a usage error or an unreadable input: %s', async (_name, args, stderr) => {
    const result = await cli(...args);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(stderr);
  });

  it('--help prints the usage and exits 0', async () => {
    const result = await cli('--help');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Usage: policy-atlas validate <policy.json> \[--catalog <dir>\] \[--json\]/);
  });

  it('refuses a file over 5 MB without reading it', async () => {
    const big = file('big.json', `{"version": "1", "default": "deny", "x": "${'x'.repeat(5 * 1024 * 1024)}"}`);
    expect(await cli(big)).toEqual({
      status: 1,
      stdout:
        'big.json error: the text is larger than 5 MB, the most a policy may be (hint: a policy is usually a few kilobytes; check that this is the right file)\n' +
        'big.json: invalid (1 error, 0 warnings)\n',
      stderr: '',
    });
  });
});
