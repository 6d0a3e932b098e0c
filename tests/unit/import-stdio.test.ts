import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServerFile } from '../../src/build/catalog/load.ts';
import { run as importCommand } from '../../src/cli/import-command.ts';
import { runCommand } from '../support/command-io.ts';
import { quote, ROOT } from '../support/run-cli.ts';

const EVERYTHING = join(ROOT, 'node_modules/.bin/mcp-server-everything');
const FIXTURES = join(ROOT, 'tests/fixtures');
const node = (...args: string[]) => [process.execPath, ...args].map(quote).join(' ');

const dir = mkdtempSync(join(tmpdir(), 'policy-atlas-import-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The tool names the server lists to a plain SDK client: the reference the import must match. */
async function listedBySdk(command: string, args: string[]): Promise<string[]> {
  const client = new Client({ name: 'policy-atlas-test', version: '0' }, { capabilities: {} });
  await client.connect(new StdioClientTransport({ command, args, stderr: 'pipe' }));
  try {
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await client.listTools(cursor ? { cursor } : undefined);
      names.push(...page.tools.map((t) => t.name));
      cursor = page.nextCursor;
    } while (cursor);
    return names;
  } finally {
    await client.close();
  }
}

describe('policy-atlas import --stdio, against the real server-everything', () => {
  const out = join(dir, 'everything.json');

  it('writes a data file with every tool the server lists, and no credential', async () => {
    const result = await runCommand(importCommand, [
      '--stdio',
      node(EVERYTHING, 'stdio'),
      '--out',
      out,
      '--env',
      'SECRET_TOKEN=hunter2-secret',
      '--now',
      '2025-05-01',
    ]);
    expect(result.stderr).toContain('connected to Everything Reference Server');
    expect(result.code).toBe(0);
    const { data } = loadServerFile(out);
    const expected = await listedBySdk(process.execPath, [EVERYTHING, 'stdio']);
    expect(expected.length).toBeGreaterThan(5);
    expect(data.tools.map((t) => t.name).sort()).toEqual([...expected].sort());
    expect(data).toMatchObject({ name: 'Everything Reference Server', transport: ['stdio'] });
    for (const tool of data.tools)
      expect(tool).toMatchObject({ hash: expect.stringMatching(/^[0-9a-f]{12}$/), firstSeen: '2025-05-01', lastChanged: '2025-05-01' });
    expect(result.stdout).toContain(`${expected.length} added, 0 removed, 0 changed, 0 unchanged`);
    expect(readFileSync(out, 'utf8')).not.toContain('hunter2');
  }, 60_000);

  it('reports no changes on a second import, and leaves the file as it was', async () => {
    const before = readFileSync(out, 'utf8');
    const result = await runCommand(importCommand, [
      '--stdio',
      node(EVERYTHING, 'stdio'),
      '--out',
      out,
      '--env',
      'SECRET_TOKEN=hunter2-secret',
      '--now',
      '2025-06-01',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/: no changes \(\d+ tools\)\n$/);
    expect(readFileSync(out, 'utf8')).toBe(before);
  }, 60_000);
});

describe('policy-atlas import --stdio, against misbehaving servers', () => {
  it('follows nextCursor, shows progress, and redacts a credential the server echoes', async () => {
    const out = join(dir, 'paged.json');
    const result = await runCommand(importCommand, [
      '--stdio',
      node(join(FIXTURES, 'paged-server.mjs'), 'paged'),
      '--out',
      out,
      '--env',
      'SECRET_TOKEN=hunter2-secret',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/page 3: 1 tool \(5 so far/);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('hunter2');
    expect(loadServerFile(out).data.tools.map((t) => [t.name, t.description])).toContainEqual(['read_note', 'Reads a note with the token [redacted].']);
    expect(loadServerFile(out).data.tools).toHaveLength(5);
  }, 30_000);

  it('skips lines on stdout that are not JSON-RPC, as MCP clients do: a warning each, escaped, and the import goes on', async () => {
    const out = join(dir, 'banner.json');
    const result = await runCommand(importCommand, [
      '--stdio',
      node(join(FIXTURES, 'banner-server.mjs')),
      '--out',
      out,
      '--env',
      'SECRET_TOKEN=hunter2-secret',
    ]);
    expect(result.stderr).toContain(
      String.raw`warning: the server wrote a line to stdout that is not JSON-RPC; skipped, as MCP clients do: "Notice 1: \u001b[31mthis build is a preview\u001b[0m"`,
    );
    expect(result.code).toBe(0);
    expect(loadServerFile(out).data.tools.map((t) => t.name)).toEqual(['show_notice']);
  }, 30_000);

  it('shows the first three stray lines, then how many there were', async () => {
    const result = await runCommand(importCommand, ['--stdio', node(join(FIXTURES, 'banner-server.mjs'), '5'), '--out', join(dir, 'banner5.json')]);
    expect(result.code).toBe(0);
    expect(result.stderr.match(/warning: the server wrote a line to stdout/g)).toHaveLength(3);
    expect(result.stderr).toContain('Notice 3:');
    expect(result.stderr).not.toContain('Notice 4:');
    expect(result.stderr).toContain('warning: 5 lines on stdout were not JSON-RPC in all (the first 3 shown above)');
  }, 30_000);

  it('prints what the server says with its control characters escaped, and without the credential it echoes', async () => {
    const out = join(dir, 'banner-name.json');
    const result = await runCommand(importCommand, [
      '--stdio',
      node(join(FIXTURES, 'banner-server.mjs')),
      '--out',
      out,
      '--env',
      'SECRET_TOKEN=hunter2-secret',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(String.raw`connected to Banner\u001b[2K Fixture [redacted] 1.0.0 over stdio`);
    expect(result.stderr + result.stdout).not.toMatch(/\u001b|hunter2-secret/);
    expect(readFileSync(out, 'utf8')).not.toContain('hunter2-secret');
  }, 30_000);

  // Generous timeouts where the answer must come from the server itself: a loaded machine starts node slowly.
  it.each<[string, string[], string, RegExp]>([
    // Skipped lines are no failure: a server that writes nothing else fails for not answering.
    [
      'prints only non-JSON on stdout',
      [join(FIXTURES, 'garbage-server.mjs')],
      '3000',
      /: the server did not answer initialize within 3000 ms \(hint: check that the command starts an MCP server, or raise --timeout\)\nThe server wrote 2 lines to stdout that are not JSON-RPC \(hint: an MCP server over stdio writes only JSON-RPC to stdout, and logs to stderr\)\n/,
    ],
    [
      'prints JSON that is not JSON-RPC',
      ['-e', 'console.log(JSON.stringify({ hello: 1 })); setInterval(() => {}, 1000)'],
      '3000',
      /: the server did not answer initialize within 3000 ms .*\nThe server wrote 1 line to stdout that is not JSON-RPC/,
    ],
    [
      'never answers',
      [join(FIXTURES, 'silent-server.mjs')],
      '1000',
      /: the server did not answer initialize within 1000 ms \(hint: check that the command starts an MCP server, or raise --timeout\)\n/,
    ],
    [
      'sends an odd schema',
      [join(FIXTURES, 'paged-server.mjs'), 'odd'],
      '20000',
      /: tools\/list page 1 › tools\[1\]\.inputSchema: expected an object, got the string "a string, not a schema"\n/,
    ],
    ['pages forever', [join(FIXTURES, 'paged-server.mjs'), 'loop'], '20000', /: tools\/list page 2: the server keeps sending more pages \(cursor "again"\)/],
    [
      'exits at once',
      ['-e', 'console.error("API_KEY is not set"); process.exit(3)'],
      '20000',
      /: the server closed the connection before answering initialize \(hint: run the command on its own to see why it stops\)\nThe server's last stderr lines:\n {2}API_KEY is not set\n/,
    ],
    [
      'exits with escape sequences on stderr',
      ['-e', 'console.error("fatal\\u001b[2J\\r  + fake_tool"); process.exit(3)'],
      '20000',
      /The server's last stderr lines:\n {2}fatal\\u001b\[2J\\u000d {2}\+ fake_tool\n/,
    ],
    [
      'writes a line longer than the 10 MB limit',
      ['-e', 'process.stdout.write(`{"jsonrpc":"2.0","id":0,"result":"${"x".repeat(11 * 1024 * 1024)}`); setInterval(() => {}, 1000)'],
      '20000',
      /: the server wrote a line of more than 10 MB to stdout, the limit for one message/,
    ],
  ])(
    'a server that %s: a clear message, exit 1, nothing written',
    async (_, args, timeout, message) => {
      const out = join(dir, 'broken.json');
      const result = await runCommand(importCommand, ['--stdio', node(...args), '--out', out, '--timeout', timeout]);
      expect(result.stderr).toMatch(message);
      expect(result.stderr).not.toContain('\u001b');
      expect(result.stderr).toMatch(/policy-atlas import: nothing was written\n$/);
      expect(result.code).toBe(1);
      expect(existsSync(out)).toBe(false);
    },
    40_000,
  );

  it('a command that does not exist', async () => {
    const result = await runCommand(importCommand, ['--stdio', 'policy-atlas-no-such-command --x', '--out', join(dir, 'none.json')]);
    expect(result.stderr).toContain('cannot start "policy-atlas-no-such-command": command not found (hint: check the spelling, or give the full path)');
    expect(result.code).toBe(1);
  }, 30_000);

  it('a failed import leaves an existing data file untouched, with no temp file beside it', async () => {
    const sub = mkdtempSync(join(dir, 'keep-'));
    const out = join(sub, 'kept.json');
    const original = `${JSON.stringify({ name: 'Kept', tools: [{ name: 'a', overrides: { level: 'high' } }] }, null, 2)}\n`;
    writeFileSync(out, original);
    const result = await runCommand(importCommand, ['--stdio', node(join(FIXTURES, 'garbage-server.mjs')), '--out', out, '--timeout', '1000']);
    expect(result.code).toBe(1);
    expect(readFileSync(out, 'utf8')).toBe(original);
    expect(readdirSync(sub)).toEqual(['kept.json']);
  }, 30_000);
});
