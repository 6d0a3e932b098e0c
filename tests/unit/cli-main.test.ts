import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

// The real binary, as a user runs it: these prove main.ts's wiring (arguments, stdout, stderr, exit
// status, working folder, environment). What each command does is tested in this process.
const dir = mkdtempSync(join(tmpdir(), 'policy-atlas-main-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'valid.json'), JSON.stringify({ version: '1', default: 'deny', tools: { read_file: {} } }));
writeFileSync(join(dir, 'invalid.json'), '{\n  "version": "1",\n}');

describe('policy-atlas <command>', () => {
  it('--help lists the commands on stdout, exit 0; no command at all is a usage error, exit 2', async () => {
    const help = await runCli(['--help']);
    expect(help.stdout).toMatch(/^Usage: policy-atlas <command> \[options\]\n\nCommands:\n {2}build /);
    expect(help.stdout).toContain('  classify ');
    expect(help.code).toBe(0);
    const none = await runCli([]);
    expect(none.stdout).toMatch(/^Usage: policy-atlas <command>/);
    expect(none.code).toBe(2);
  }, 30_000);

  // Names every plain object inherits: looked up naively they find Object.prototype's members.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])(
    '"%s" is an unknown command, exit 2',
    async (name) => {
      const result = await runCli([name]);
      expect(result.stderr).toMatch(new RegExp(`^policy-atlas: unknown command "${name}"\\n\\nUsage: policy-atlas <command>`));
      expect(result.code).toBe(2);
    },
    30_000,
  );

  it('runs a known command: its help on stdout, exit 0', async () => {
    const result = await runCli(['import', '--help']);
    expect(result.stdout).toMatch(/^Usage: policy-atlas import/);
    expect(result.code).toBe(0);
  }, 30_000);

  it("a command's report on stdout and its exit status, with paths read from the working folder", async () => {
    const valid = await runCli(['validate', 'valid.json'], { cwd: dir });
    expect(valid).toEqual({ code: 0, stdout: 'valid.json: valid (0 errors, 0 warnings)\n', stderr: '' });
    const invalid = await runCli(['validate', 'invalid.json'], { cwd: dir });
    expect(invalid.stdout).toMatch(/^invalid\.json:2:17 error: not valid JSON/);
    expect(invalid.code).toBe(1);
  }, 30_000);

  it("a command's usage error on stderr, exit 2", async () => {
    const result = await runCli(['classify', '--json'], { cwd: dir });
    expect(result.stderr).toMatch(/^policy-atlas classify: unexpected argument "--json"\n\nUsage: policy-atlas classify <file>/);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(2);
  }, 30_000);

  it("a command reads the process's environment: --discover looks in the HOME it is given", async () => {
    const home = join(dir, 'home');
    const project = join(dir, 'project');
    mkdirSync(join(home, '.cursor'), { recursive: true });
    mkdirSync(project);
    writeFileSync(join(home, '.cursor/mcp.json'), JSON.stringify({ mcpServers: { notes: { command: 'notes-mcp' } } }));
    const result = await runCli(['import', '--discover'], { cwd: project, env: { PATH: process.env.PATH, HOME: home } });
    expect(result.stdout).toContain('Cursor ~/.cursor/mcp.json: 1 server');
    expect(result.stdout).toContain('  notes: stdio notes-mcp');
    expect(result.code).toBe(0);
  }, 30_000);
});
