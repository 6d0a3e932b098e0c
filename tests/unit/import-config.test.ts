import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServerFile } from '../../src/build/catalog/load.ts';
import { run as importCommand } from '../../src/cli/import-command.ts';
import { runCommand } from '../support/command-io.ts';
import { ROOT, type CliResult } from '../support/run-cli.ts';

const CONFIGS = join(ROOT, 'tests/fixtures/client-configs');
const SECRET = 'sk-fixture-SECRET-4f9a2c1e7b';
// Reading configurations starts no server, but a busy machine is slow all the same.
const CLI_TIMEOUT = 30_000;
const dir = mkdtempSync(join(tmpdir(), 'policy-atlas-import-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What the real configurations need from the environment: where node and this checkout are, and a secret. */
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE: process.execPath,
  PA_ROOT: ROOT,
  PA_TMP: dir,
  FIXTURE_SECRET: SECRET,
  ...extra,
});

/** Every file under `folder`, as text. */
function filesUnder(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name), 'utf8'))
    .join('\n');
}

function expectNoSecret(result: CliResult, folder?: string, secret = SECRET) {
  expect(result.stdout).not.toContain(secret);
  expect(result.stderr).not.toContain(secret);
  if (folder) expect(filesUnder(folder)).not.toContain(secret);
}

describe('policy-atlas import --config, starting the real servers of a Claude Code .mcp.json', () => {
  const catalog = join(dir, 'claude-code');
  let first: CliResult;

  it('imports every server that starts, lists the others with their reason, and exits 1', async () => {
    const started = Date.now();
    first = await runCommand(importCommand, ['--config', join(CONFIGS, 'real/.mcp.json'), '--catalog', catalog, '--now', '2026-03-01'], { env: env() });
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `import --config real/.mcp.json (8 servers, 3 real ones started): ${seconds.toFixed(1)} s; the command says: ${/imported .*/.exec(first.stdout)?.[0]}`,
    );
    expect(first.code).toBe(1);
    expect(readdirSync(join(catalog, 'servers')).sort()).toEqual(['everything.json', 'leaky-notes.json', 'memory.json']);
    expect(first.stdout).toMatch(/^imported 3 of 8 servers in [\d.]+ s; 1 disabled, 1 skipped for a missing variable or input, 3 failed$/m);
    expect(first.stdout).toContain('switched-off: skipped, disabled in the configuration ("disabled": true)');
    expect(first.stdout).toContain('needs-a-variable: skipped, the environment variable POLICY_ATLAS_UNSET_VARIABLE is not set (used in env.API_KEY)');
    expect(first.stderr).toContain('missing-binary: failed, cannot start "policy-atlas-no-such-server-binary": command not found');
    expect(first.stderr).toContain('says-secret-and-dies: failed, the server closed the connection before answering initialize');
    expect(first.stderr).toMatch(/offline-http: failed, cannot connect to http:\/\/localhost:9\/mcp\?key=\[redacted\]/);
  }, 120_000);

  it('writes the tools the real servers list, with the client and the name the server has there', () => {
    const memory = loadServerFile(join(catalog, 'servers/memory.json')).data;
    expect(memory.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['create_entities', 'read_graph', 'search_nodes']));
    expect(memory.source).toEqual({
      client: 'claude-code',
      name: 'memory',
      config: 'tests/fixtures/client-configs/real/.mcp.json',
      command: '${NODE}',
      args: ['${PA_ROOT}/node_modules/@modelcontextprotocol/server-memory/dist/index.js'],
      env: ['MEMORY_API_KEY', 'MEMORY_FILE_PATH', 'FIXTURE_SECRET', 'NODE', 'PA_ROOT', 'PA_TMP'].sort(),
    });
    const everything = loadServerFile(join(catalog, 'servers/everything.json')).data;
    expect(everything).toMatchObject({ name: 'Everything Reference Server', transport: ['stdio'], source: { client: 'claude-code', name: 'everything' } });
    expect(everything.tools.length).toBeGreaterThan(5);
    for (const tool of everything.tools) expect(tool).toMatchObject({ firstSeen: '2026-03-01', hash: expect.stringMatching(/^[0-9a-f]{12}$/) });
  });

  it('never prints or writes a secret: not in stdout, stderr or any data file, even where a server echoes it', () => {
    expectNoSecret(first, catalog);
    expect(first.stderr).toContain('token is [redacted]');
    expect(loadServerFile(join(catalog, 'servers/leaky-notes.json')).data.tools.map((t) => t.description)).toContain('Reads a note with the token [redacted].');
  });

  it("on a second import keeps the editors' overrides and reports no changes", async () => {
    const path = join(catalog, 'servers/memory.json');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.name = 'Memory (edited)';
    file.tools[0].overrides = { level: 'high', rationale: 'Edited by hand.' };
    writeFileSync(path, `${JSON.stringify(file, null, 2)}\n`);
    const again = await runCommand(importCommand, ['--config', join(CONFIGS, 'real/.mcp.json'), '--catalog', catalog, '--now', '2026-04-01'], { env: env() });
    expect(again.stdout).toMatch(/memory → .*memory\.json: no changes \(9 tools\)/);
    const after = loadServerFile(path).data;
    expect(after.name).toBe('Memory (edited)');
    expect(after.tools[0]).toMatchObject({ overrides: { level: 'high' }, firstSeen: '2026-03-01' });
    expectNoSecret(again, catalog);
  }, 120_000);
});

describe('policy-atlas import --config, a Codex config.toml with the same two real servers', () => {
  it('imports both and exits 0', async () => {
    const catalog = join(dir, 'codex');
    const started = Date.now();
    const result = await runCommand(importCommand, ['--config', join(CONFIGS, 'real/config.toml'), '--catalog', catalog], {
      env: env({ MEMORY_FILE_PATH: join(dir, 'codex-memory.jsonl') }),
    });
    console.log(
      `import --config real/config.toml (everything + memory): ${((Date.now() - started) / 1000).toFixed(1)} s; the command says: ${/imported .*/.exec(result.stdout)?.[0]}`,
    );
    expect(result.stderr).toContain('connected to memory-server');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^imported 2 of 2 servers in [\d.]+ s$/m);
    expect(loadServerFile(join(catalog, 'servers/everything.json')).data.source).toMatchObject({
      client: 'codex',
      name: 'everything',
      command: 'node',
      env: ['FIXTURE_SECRET'],
    });
    expectNoSecret(result, catalog);
  }, 120_000);
});

describe('policy-atlas import --config: configurations that cannot be read', () => {
  it.each([
    ['broken/bad-syntax.json', /bad-syntax\.json: not valid JSON: .* at line 4, column 5/],
    ['broken/bad-syntax.toml', /bad-syntax\.toml: not valid TOML: .* at line 4, column 1/],
    ['broken/wrong-shape.json', /wrong-shape\.json › mcpServers\.a\.args: expected an array, got a string/],
    ['broken/not-a-config.json', /not-a-config\.json › \(root\): lists no MCP servers/],
  ])(
    '%s: exit 2, the file and the line or JSON path named, no value of it echoed',
    async (file, message) => {
      const catalog = join(dir, 'broken');
      const result = await runCommand(importCommand, ['--config', join(CONFIGS, file), '--catalog', catalog]);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(message);
      expectNoSecret(result, undefined, 'broken-secret-value-123');
      expect(() => readdirSync(catalog)).toThrow();
    },
    CLI_TIMEOUT,
  );

  it(
    'a missing file: exit 2, named',
    async () => {
      const result = await runCommand(importCommand, ['--config', join(dir, 'nowhere.json')]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('nowhere.json: cannot read the file (ENOENT)');
    },
    CLI_TIMEOUT,
  );

  it.each([
    [['--config', 'a.json', '--discover'], 'give --config or --discover, not both'],
    [['--config', 'a.json', '--client', 'notepad'], '--client: expected one of'],
    [['--config', 'a.json', '--stdio', 'x'], 'unexpected argument "--stdio" (it goes with a single server\'s import'],
    [['--config', 'a.json', '--input', 'no-equals'], '--input must be id=value'],
  ])(
    'usage %j: exit 2',
    async (args, message) => {
      const result = await runCommand(importCommand, [...args]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(message);
    },
    CLI_TIMEOUT,
  );
});

describe('policy-atlas import --config without --catalog lists the servers, starting none', () => {
  it(
    'resolves VS Code inputs from --input, and never shows an input, env or header value',
    async () => {
      const inputSecret = 'input-secret-value-31415';
      const result = await runCommand(importCommand, ['--config', join(CONFIGS, 'vscode/.vscode/mcp.json'), '--input', `issues-token=${inputSecret}`], {
        env: env({ ISSUES_HOME: '/srv/issues' }),
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('VS Code');
      expect(result.stdout).toContain(`issues: stdio issues-mcp --workspace ${join(CONFIGS, 'vscode')}`);
      expectNoSecret(result, undefined, inputSecret);
      expectNoSecret(result, undefined, 'dotenv-secret-value-42');
    },
    CLI_TIMEOUT,
  );

  it(
    'says which input a server needs when none is given',
    async () => {
      const result = await runCommand(importCommand, ['--config', join(CONFIGS, 'vscode/.vscode/mcp.json')], { env: env({ ISSUES_HOME: '/srv/issues' }) });
      expect(result.stdout).toContain('issues: would be skipped: needs ${input:issues-token} ("Issue tracker token"): pass --input issues-token=…');
    },
    CLI_TIMEOUT,
  );

  it(
    'hides literal credentials of a Codex file (env values, a key given as an argument)',
    async () => {
      const result = await runCommand(importCommand, ['--config', join(CONFIGS, 'codex/config.toml')], {
        env: env({ BILLING_TOKEN: 'billing-secret-2718281' }),
      });
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('inventory: stdio inventory-mcp --readonly --api-key [redacted]');
      for (const secret of ['inv-literal-key-99z', 'inv-token-literal-7a7a7a', 'billing-secret-2718281']) expectNoSecret(result, undefined, secret);
    },
    CLI_TIMEOUT,
  );

  it(
    'Claude Desktop: values taken as written, a literal env value kept out of the output all the same',
    async () => {
      const result = await runCommand(importCommand, ['--config', join(CONFIGS, 'claude-desktop/claude_desktop_config.json')]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Claude Desktop tests/fixtures/client-configs/claude-desktop/claude_desktop_config.json: 1 server');
      expect(result.stdout).toContain('recipes: stdio uvx recipes-mcp --cache /tmp/recipes');
      expectNoSecret(result, undefined, 'desktop-literal-key-5150');
    },
    CLI_TIMEOUT,
  );
});

describe('policy-atlas import --discover', () => {
  it('lists the well-known files of a home folder and a project, and imports them with --catalog', async () => {
    const home = join(dir, 'home');
    const project = join(dir, 'project');
    mkdirSync(join(project, '.vscode'), { recursive: true });
    mkdirSync(home, { recursive: true });
    cpSync(join(CONFIGS, 'real/.mcp.json'), join(home, '.claude.json'));
    writeFileSync(
      join(project, '.vscode/mcp.json'),
      JSON.stringify({
        servers: {
          'memory-here': {
            type: 'stdio',
            command: process.execPath,
            args: [join(ROOT, 'node_modules/@modelcontextprotocol/server-memory/dist/index.js')],
            env: { MEMORY_FILE_PATH: '${env:PA_TMP}/vscode-memory.jsonl' },
          },
        },
      }),
    );
    const clean = { HOME: home, USERPROFILE: home, APPDATA: join(home, 'AppData'), XDG_CONFIG_HOME: join(home, '.config'), CODEX_HOME: join(home, '.codex') };
    const listed = await runCommand(importCommand, ['--discover'], { cwd: project, env: env(clean) });
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('Claude Code ~/.claude.json: 8 servers (1 disabled)');
    expect(listed.stdout).toContain('VS Code .vscode/mcp.json: 1 server');
    expect(listed.stdout).toMatch(/Cursor +~\/\.cursor\/mcp\.json: not found/);

    const catalog = join(dir, 'discovered');
    const imported = await runCommand(importCommand, ['--discover', '--catalog', catalog], { cwd: project, env: env(clean) });
    expect(imported.code).toBe(1);
    expect(readdirSync(join(catalog, 'servers')).sort()).toEqual(['everything.json', 'leaky-notes.json', 'memory-here.json', 'memory.json']);
    expect(loadServerFile(join(catalog, 'servers/memory-here.json')).data.source).toMatchObject({
      client: 'vscode',
      name: 'memory-here',
      config: '.vscode/mcp.json',
    });
    expect(loadServerFile(join(catalog, 'servers/memory.json')).data.source).toMatchObject({ client: 'claude-code', config: '~/.claude.json' });
    expectNoSecret(imported, catalog);
  }, 180_000);
});
