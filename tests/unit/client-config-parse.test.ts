import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors/friendly.ts';
import { detectClient } from '../../src/core/import/client-config/detect.ts';
import { jsoncToJson } from '../../src/core/import/client-config/jsonc.ts';
import { parseClientConfig, type ConfigServer } from '../../src/core/import/client-config/parse.ts';
import { ROOT } from '../support/run-cli.ts';

const CONFIGS = join(ROOT, 'tests/fixtures/client-configs');
const read = (file: string) => parseClientConfig(readFileSync(join(CONFIGS, file), 'utf8'), { path: file });
/** A server's essentials, to compare without the empty defaults. */
const brief = (server: ConfigServer) =>
  Object.fromEntries(
    Object.entries(server).filter(
      ([key, value]) =>
        key !== 'path' &&
        !(Array.isArray(value) && value.length === 0) &&
        !(value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0),
    ),
  );

describe('parseClientConfig: each fixture, its client told from the file', () => {
  it.each([
    ['claude-desktop/claude_desktop_config.json', 'claude-desktop', ['recipes']],
    ['claude-code/.mcp.json', 'claude-code', ['notes', 'tickets', 'legacy-feed']],
    ['claude-user/.claude.json', 'claude-code', ['calendar', 'orders', 'old-orders']],
    ['cursor/.cursor/mcp.json', 'cursor', ['docs-search', 'local-files']],
    ['windsurf/mcp_config.json', 'windsurf', ['weather', 'shell-helper']],
    ['gemini/.gemini/settings.json', 'gemini-cli', ['maps', 'events', 'translate', 'experimental']],
    ['cline/cline_mcp_settings.json', 'cline', ['git-helper', 'browser', 'cloud-notes']],
    ['vscode/.vscode/mcp.json', 'vscode', ['issues', 'status-page']],
    ['codex/config.toml', 'codex', ['inventory', 'billing', 'sandbox']],
  ])('%s is %s, with servers %j', (file, client, names) => {
    const config = read(file);
    expect(config.client).toBe(client);
    expect(config.servers.map((s) => s.name)).toEqual(names);
  });

  it('Claude Code .mcp.json: stdio with variables as written, http and sse with their URLs', () => {
    expect(read('claude-code/.mcp.json').servers.map(brief)).toEqual([
      {
        name: 'notes',
        kind: 'stdio',
        command: 'npx',
        args: ['-y', 'notes-mcp', '--root', '${NOTES_ROOT:-/srv/notes}'],
        env: { NOTES_API_KEY: '${NOTES_API_KEY}' },
      },
      { name: 'tickets', kind: 'http', url: 'https://tickets.example.com/mcp', headers: { Authorization: 'Bearer ${TICKETS_TOKEN}' } },
      { name: 'legacy-feed', kind: 'http', url: 'https://feed.example.com/sse' },
    ]);
  });

  it("~/.claude.json: top-level servers and each project's, with the project named and disabledMcpServers honoured", () => {
    const servers = read('claude-user/.claude.json').servers;
    expect(servers.map((s) => [s.name, s.project, s.disabled, s.path])).toEqual([
      ['calendar', undefined, undefined, ['mcpServers', 'calendar']],
      ['orders', '/home/someone/work/shop', undefined, ['projects', '/home/someone/work/shop', 'mcpServers', 'orders']],
      [
        'old-orders',
        '/home/someone/work/shop',
        'listed in projects["/home/someone/work/shop"].disabledMcpServers',
        ['projects', '/home/someone/work/shop', 'mcpServers', 'old-orders'],
      ],
    ]);
  });

  it('Gemini CLI: httpUrl and url, comments and trailing commas, mcp.excluded as disabled', () => {
    const servers = read('gemini/.gemini/settings.json').servers;
    expect(servers.map((s) => [s.name, s.kind, s.url ?? s.command, s.disabled])).toEqual([
      ['maps', 'http', 'https://maps.example.com/mcp', undefined],
      ['events', 'http', 'http://localhost:7411/sse', undefined],
      ['translate', 'stdio', 'translate-mcp', undefined],
      ['experimental', 'stdio', 'experimental-mcp', 'listed in mcp.excluded'],
    ]);
    expect(servers[2]!.cwd).toBe('./tools');
  });

  it('Windsurf serverUrl, Cline "disabled" and type streamableHttp', () => {
    expect(read('windsurf/mcp_config.json').servers.map((s) => [s.kind, s.url ?? s.command, s.disabled])).toEqual([
      ['http', 'https://weather.example.com/mcp', undefined],
      ['stdio', 'shell-helper-mcp', '"disabled": true'],
    ]);
    expect(read('cline/cline_mcp_settings.json').servers.map((s) => [s.name, s.kind, s.disabled])).toEqual([
      ['git-helper', 'stdio', undefined],
      ['browser', 'stdio', '"disabled": true'],
      ['cloud-notes', 'http', undefined],
    ]);
  });

  it('VS Code: servers and the inputs it declares', () => {
    const config = read('vscode/.vscode/mcp.json');
    expect(config.inputs).toEqual([{ id: 'issues-token', description: 'Issue tracker token' }]);
    expect(brief(config.servers[0]!)).toEqual({
      name: 'issues',
      kind: 'stdio',
      command: 'issues-mcp',
      args: ['--workspace', '${workspaceFolder}'],
      envFile: '${workspaceFolder}/.env.mcp',
      env: { ISSUES_TOKEN: '${input:issues-token}', ISSUES_HOME: '${env:ISSUES_HOME}' },
    });
  });

  it('Codex: env, env_vars, bearer_token_env_var, http_headers, enabled = false', () => {
    expect(read('codex/config.toml').servers.map(brief)).toEqual([
      {
        name: 'inventory',
        kind: 'stdio',
        command: 'inventory-mcp',
        args: ['--readonly', '--api-key', 'inv-literal-key-99z'],
        env: { INVENTORY_TOKEN: 'inv-token-literal-7a7a7a' },
        envPassthrough: ['INVENTORY_REGION'],
      },
      { name: 'billing', kind: 'http', url: 'https://billing.example.com/mcp', headers: { 'X-Team': 'platform' }, bearerTokenEnvVar: 'BILLING_TOKEN' },
      { name: 'sandbox', kind: 'stdio', command: 'sandbox-mcp', disabled: 'enabled = false' },
    ]);
  });

  it('--client overrides what the file suggests', () => {
    const text = JSON.stringify({ mcpServers: { a: { command: 'a' } } });
    expect(parseClientConfig(text, { path: 'x.json' }).client).toBe('mcp-json');
    expect(parseClientConfig(text, { path: 'x.json', client: 'cursor' }).client).toBe('cursor');
    expect(parseClientConfig('[mcp_servers.a]\ncommand = "a"\n', { path: 'codex-settings', client: 'codex' }).servers).toHaveLength(1);
  });
});

describe('detectClient: the path first, then the content', () => {
  it.each([
    ['/home/a/.cursor/mcp.json', {}, 'cursor'],
    ['C:\\Users\\a\\.cursor\\mcp.json', {}, 'cursor'],
    ['/home/a/.codeium/windsurf/mcp_config.json', {}, 'windsurf'],
    ['/p/.gemini/settings.json', {}, 'gemini-cli'],
    ['/x/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json', {}, 'cline'],
    ['/x/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json', {}, 'roo'],
    ['/x/globalStorage/kilocode.kilo-code/settings/mcp_settings.json', {}, 'kilo'],
    ['/home/a/.config/Code/User/mcp.json', {}, 'vscode'],
    ['/p/.vscode/mcp.json', {}, 'vscode'],
    ['/home/a/.claude.json', {}, 'claude-code'],
    ['/p/.mcp.json', {}, 'claude-code'],
    ['/Users/a/Library/Application Support/Claude/claude_desktop_config.json', {}, 'claude-desktop'],
    ['servers.json', { servers: {} }, 'vscode'],
    ['backup.json', { projects: {} }, 'claude-code'],
    ['copied.json', { mcpServers: { a: { httpUrl: 'https://x' } } }, 'gemini-cli'],
    ['copied.json', { mcpServers: { a: { serverUrl: 'https://x' } } }, 'windsurf'],
    ['copied.json', { mcpServers: { a: { command: 'x' } } }, 'mcp-json'],
  ])('%s %j → %s', (path, root, client) => {
    expect(detectClient(path, root)).toBe(client);
  });
});

describe('parseClientConfig: bad files, named with the line or JSON path, no value echoed', () => {
  const errorOf = (text: string, path: string) => {
    try {
      parseClientConfig(text, { path });
    } catch (error) {
      expect(error).toBeInstanceOf(DataError);
      return (error as DataError).lines;
    }
    throw new Error('expected a DataError');
  };

  it.each([
    [
      '{"mcpServers": {"a": {"args": ["--token" "tok-secret-123456"], "command": "a"}}}',
      'c.json',
      /^c\.json: not valid JSON: expected "," or "]" after .*, got a string or word at line 1, column \d+/,
    ],
    ['[mcp_servers.a]\ncommand = "a"\nenv = { KEY = "tok-secret-123456"\n', 'c.toml', /^c\.toml: not valid TOML: .* at line 4, column 1$/],
    ['{"mcpServers": {"a": {"command": "a", "env": "tok-secret-123456"}}}', 'c.json', /^c\.json › mcpServers\.a\.env: expected an object, got a string$/],
    ['{"mcpServers": {"a": {"command": "a", "args": [{"x": 1}]}}}', 'c.json', /^c\.json › mcpServers\.a\.args\[0\]: /],
    ['{"mcpServers": {"a": {"env": {}}}}', 'c.json', /^c\.json › mcpServers\.a: needs "command" \(a stdio server\) or a URL/],
    ['{"servers": {"a": {"type": "http"}}}', '.vscode/mcp.json', /^\.vscode\/mcp\.json › servers\.a: needs "command"/],
    ['[mcp_servers.a]\nargs = ["x"]\n', 'config.toml', /^config\.toml › mcp_servers\.a: needs "command" \(a stdio server\) or "url"/],
    ['[mcp_servers.a]\ncommand = "a"\nenabled = "no"\n', 'config.toml', /^config\.toml › mcp_servers\.a\.enabled: expected a boolean/],
    ['[1, 2]', 'c.json', /^c\.json › \(root\): expected an object at the top of the file/],
    ['{"name": "pkg"}', 'package.json', /^package\.json › \(root\): lists no MCP servers/],
  ])('%s', (text, path, message) => {
    const lines = errorOf(text, path);
    expect(lines[0]).toMatch(message);
    expect(lines.join('\n')).not.toContain('tok-secret-123456');
  });

  it('every broken fixture is refused', () => {
    for (const file of ['broken/bad-syntax.json', 'broken/bad-syntax.toml', 'broken/wrong-shape.json', 'broken/not-a-config.json']) {
      expect(() => read(file)).toThrow(DataError);
    }
  });
});

describe('jsoncToJson', () => {
  it.each([
    ['{"a": 1, // one\n"b": [1, 2,],}', { a: 1, b: [1, 2] }],
    ['/* head */ {"url": "https://x//y", "s": "a /* not */ b", "q": "say \\"hi\\", // no"}', { url: 'https://x//y', s: 'a /* not */ b', q: 'say "hi", // no' }],
    ['{"a": [1, /* c */ ], "b": {"c": 1, // end\n}}', { a: [1], b: { c: 1 } }],
  ])('%s', (text, value) => {
    expect(JSON.parse(jsoncToJson(text))).toEqual(value);
  });

  it('leaves plain JSON as it is, whatever its strings hold (property)', () => {
    const tricky = fc.stringMatching(/^[a-z"\\/*,\]} \n]{0,12}$/);
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 3 }), tricky, (value, text) => {
        const json = JSON.stringify({ value, text, list: [text, value] }, null, 1);
        expect(JSON.parse(jsoncToJson(json))).toEqual(JSON.parse(json));
      }),
    );
  });

  it('keeps lines and columns where they were', () => {
    const text = '{\n  // note\n  "a": 1,\n}';
    expect(
      jsoncToJson(text)
        .split('\n')
        .map((line) => line.length),
    ).toEqual(text.split('\n').map((line) => line.length));
  });
});
