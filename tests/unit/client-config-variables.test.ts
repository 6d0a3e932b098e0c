import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLIENTS, VARIABLE_SYNTAX, type ConfigClient } from '../../src/core/import/client-config/clients.ts';
import type { ConfigServer } from '../../src/core/import/client-config/parse.ts';
import { prepareServer } from '../../src/core/import/client-config/prepare.ts';
import { parseDotenv } from '../../src/core/import/client-config/dotenv.ts';
import { recordedArgs } from '../../src/core/import/client-config/record-args.ts';
import { resolveVariables, type VariableSources } from '../../src/core/import/client-config/variables.ts';

const sources = (env: Record<string, string> = {}, inputs: Record<string, string> = {}): VariableSources => ({
  env,
  inputs,
  editor: { userHome: '/home/me', workspaceFolder: '/work/app' },
});
const ENV = { TOKEN: 'tok-1234567890', EMPTY: '' };

describe("resolveVariables: each client's syntax", () => {
  it.each<[ConfigClient, string, string]>([
    ['claude-code', 'Bearer ${TOKEN}', 'Bearer tok-1234567890'],
    ['claude-code', '${MISSING:-/srv/default}', '/srv/default'],
    ['claude-code', '${EMPTY:-fallback}', 'fallback'],
    ['claude-code', '${TOKEN:-unused}', 'tok-1234567890'],
    ['claude-code', '$TOKEN', '$TOKEN'],
    ['claude-code', '${env:TOKEN}', '${env:TOKEN}'],
    ['gemini-cli', '$TOKEN and ${TOKEN}', 'tok-1234567890 and tok-1234567890'],
    ['gemini-cli', 'costs $5', 'costs $5'],
    ['cursor', '${env:TOKEN} in ${workspaceFolder} of ${userHome}', 'tok-1234567890 in /work/app of /home/me'],
    ['cursor', '${TOKEN}', '${TOKEN}'],
    ['windsurf', '${env:TOKEN}', 'tok-1234567890'],
    ['vscode', '${env:TOKEN} ${input:key} ${workspaceFolder}', 'tok-1234567890 typed-in-value /work/app'],
    ['vscode', '${unknownEditorVariable}', '${unknownEditorVariable}'],
    ['claude-desktop', '${TOKEN} $TOKEN ${env:TOKEN}', '${TOKEN} $TOKEN ${env:TOKEN}'],
    ['codex', '${TOKEN}', '${TOKEN}'],
    ['mcp-json', '${TOKEN} ${env:TOKEN} ${X:-d} $TOKEN', 'tok-1234567890 tok-1234567890 d $TOKEN'],
  ])('%s: %s → %s', (client, text, expected) => {
    expect(resolveVariables(text, VARIABLE_SYNTAX[client], sources(ENV, { key: 'typed-in-value' })).text).toBe(expected);
  });

  it('reports what is missing, and the values it used as secrets', () => {
    const result = resolveVariables('${TOKEN}/${NOPE}/${input:pin}', VARIABLE_SYNTAX.vscode.concat('braces'), sources(ENV));
    expect(result).toEqual({
      text: 'tok-1234567890/${NOPE}/${input:pin}',
      values: ['tok-1234567890'],
      names: ['TOKEN', 'NOPE'],
      missing: [
        { kind: 'env', name: 'NOPE' },
        { kind: 'input', name: 'pin' },
      ],
    });
  });

  it('leaves a text without "$" as it is, for every client', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...CLIENTS, 'mcp-json' as const),
        fc.string().filter((s) => !s.includes('$')),
        (client, text) => {
          expect(resolveVariables(text, VARIABLE_SYNTAX[client], sources(ENV)).text).toBe(text);
        },
      ),
    );
  });
});

const stdio = (over: Partial<ConfigServer> = {}): ConfigServer => ({
  name: 'srv',
  path: ['mcpServers', 'srv'],
  kind: 'stdio',
  command: 'srv-mcp',
  args: [],
  env: {},
  headers: {},
  envPassthrough: [],
  envHeaders: {},
  ...over,
});
const http = (over: Partial<ConfigServer> = {}): ConfigServer => ({
  name: 'web',
  path: ['mcpServers', 'web'],
  kind: 'http',
  url: 'https://mcp.example.com/mcp',
  args: [],
  env: {},
  headers: {},
  envPassthrough: [],
  envHeaders: {},
  ...over,
});

describe('prepareServer', () => {
  it('a stdio server: variables resolved for the launch, only names recorded', () => {
    const prepared = prepareServer(
      stdio({ args: ['--root', '${ROOT:-/srv}', '--token', '${TOKEN}'], env: { API_KEY: '${TOKEN}', MODE: 'fast', DROPPED: null } }),
      { client: 'claude-code', sources: sources(ENV), config: '.mcp.json' },
    );
    expect(prepared).toEqual({
      status: 'ready',
      launch: { kind: 'stdio', command: 'srv-mcp', args: ['--root', '/srv', '--token', 'tok-1234567890'], env: { API_KEY: 'tok-1234567890', MODE: 'fast' } },
      secrets: ['tok-1234567890', 'fast'],
      source: {
        client: 'claude-code',
        name: 'srv',
        config: '.mcp.json',
        command: 'srv-mcp',
        args: ['--root', '${ROOT:-/srv}', '--token', '${TOKEN}'],
        env: ['API_KEY', 'MODE', 'ROOT', 'TOKEN'],
      },
    });
  });

  it('an http server: headers and URL credentials are secrets; the URL is recorded without them', () => {
    const prepared = prepareServer(http({ url: 'https://mcp.example.com/mcp?key=${TOKEN}', headers: { Authorization: 'Bearer ${TOKEN}' } }), {
      client: 'claude-code',
      sources: sources(ENV),
    });
    expect(prepared.status).toBe('ready');
    if (prepared.status !== 'ready') return;
    expect(prepared.launch).toEqual({
      kind: 'http',
      url: new URL('https://mcp.example.com/mcp?key=tok-1234567890'),
      headers: { Authorization: 'Bearer tok-1234567890' },
    });
    expect(prepared.secrets).toEqual(expect.arrayContaining(['tok-1234567890', 'Bearer tok-1234567890']));
    expect(prepared.source).toEqual({
      client: 'claude-code',
      name: 'web',
      url: 'https://mcp.example.com/mcp?key=[redacted]',
      headers: ['Authorization'],
      env: ['TOKEN'],
    });
  });

  it('Codex: env_vars passed on by name, bearer_token_env_var becomes an Authorization header', () => {
    const ready = prepareServer(http({ bearerTokenEnvVar: 'TOKEN', envHeaders: { 'X-Region': 'REGION' } }), {
      client: 'codex',
      sources: sources({ ...ENV, REGION: 'eu' }),
    });
    expect(ready).toMatchObject({
      status: 'ready',
      launch: { headers: { Authorization: 'Bearer tok-1234567890', 'X-Region': 'eu' } },
      source: { headers: ['Authorization', 'X-Region'], env: ['REGION', 'TOKEN'] },
    });
    const passed = prepareServer(stdio({ envPassthrough: ['TOKEN', 'UNSET_ONE'] }), { client: 'codex', sources: sources(ENV) });
    expect(passed).toMatchObject({ status: 'ready', launch: { env: { TOKEN: 'tok-1234567890' } }, source: { env: ['TOKEN'] } });
    expect(prepareServer(http({ bearerTokenEnvVar: 'NOT_SET' }), { client: 'codex', sources: sources() })).toEqual({
      status: 'skipped',
      cause: 'missing',
      reason: 'the environment variable NOT_SET is not set (used in bearer_token_env_var); set it as for the client',
    });
  });

  it.each<[string, ConfigServer, ConfigClient, { reason: string; cause: string }]>([
    ['disabled', stdio({ disabled: '"disabled": true' }), 'cline', { reason: 'disabled in the configuration ("disabled": true)', cause: 'disabled' }],
    [
      'an unset variable',
      stdio({ env: { A: '${NOPE}', B: '${ALSO_NOPE}' } }),
      'claude-code',
      { reason: 'the environment variables NOPE, ALSO_NOPE are not set (used in env.A, env.B); set them as for the client', cause: 'missing' },
    ],
    ['a missing input', stdio({ env: { A: '${input:pin}' } }), 'vscode', { reason: 'needs ${input:pin} ("Your PIN"): pass --input pin=…', cause: 'missing' }],
    [
      'plain http to another host',
      http({ url: 'http://mcp.example.com/mcp' }),
      'cursor',
      { reason: 'its url must be https (http only on localhost, since headers may carry credentials), got http://mcp.example.com/mcp', cause: 'invalid' },
    ],
    ['not a URL', http({ url: 'mcp.example.com' }), 'cursor', { reason: 'its url is not a URL', cause: 'invalid' }],
  ])('skipped: %s', (_, server, client, expected) => {
    expect(prepareServer(server, { client, sources: sources(), inputs: [{ id: 'pin', description: 'Your PIN' }] })).toEqual({ status: 'skipped', ...expected });
  });

  it('never records a value that came from the environment or an input (property)', () => {
    const secret = fc.string({ minLength: 8, maxLength: 30 }).filter((s) => !s.includes('$') && !/^[/A-Za-z]:?[\\/]/.test(s) && !s.startsWith('/'));
    fc.assert(
      fc.property(secret, secret, (a, b) => {
        fc.pre(!'srv-mcp --flag web https://mcp.example.com/mcp'.includes(a) && !'srv-mcp web'.includes(b));
        const env = { A_VAR: a };
        const inputs = { code: b };
        const written = { args: ['--flag', '${env:A_VAR}', '${input:code}'], env: { KEY: '${env:A_VAR}', OTHER: '${input:code}' } };
        const one = prepareServer(stdio(written), { client: 'vscode', sources: sources(env, inputs) });
        const two = prepareServer(http({ url: 'https://mcp.example.com/mcp', headers: { Authorization: 'Bearer ${env:A_VAR}', 'X-Code': '${input:code}' } }), {
          client: 'vscode',
          sources: sources(env, inputs),
        });
        for (const prepared of [one, two]) {
          if (prepared.status !== 'ready') throw new Error(`not ready: ${JSON.stringify(prepared)}`);
          const recorded = JSON.stringify(prepared.source);
          expect(recorded).not.toContain(JSON.stringify(a).slice(1, -1));
          expect(recorded).not.toContain(JSON.stringify(b).slice(1, -1));
          expect(prepared.secrets).toEqual(expect.arrayContaining([a, b]));
        }
      }),
    );
  });
});

describe('envFile (VS Code, Cursor)', () => {
  const read = (files: Record<string, string>) => (path: string) => (path in files ? { text: files[path]! } : { error: 'ENOENT' });

  it('its variables reach the server and are secrets; env wins over it, null removes one; only names are recorded', () => {
    const prepared = prepareServer(stdio({ envFile: '${workspaceFolder}/.env', env: { B: 'from-env', C: null } }), {
      client: 'vscode',
      sources: sources(),
      readEnvFile: read({ '/work/app/.env': '# c\nA=alpha-value-1\nexport B="beta"\nC=gone\n' }),
    });
    expect(prepared).toMatchObject({ status: 'ready', launch: { env: { A: 'alpha-value-1', B: 'from-env' } }, source: { env: ['A', 'B'] } });
    if (prepared.status === 'ready') expect(prepared.secrets).toContain('alpha-value-1');
  });

  it('a file that cannot be read: the server fails, saying which file', () => {
    expect(prepareServer(stdio({ envFile: '/nowhere/.env' }), { client: 'cursor', sources: sources(), readEnvFile: read({}) })).toEqual({
      status: 'skipped',
      cause: 'invalid',
      reason: 'its envFile /nowhere/.env cannot be read (ENOENT)',
    });
  });
});

describe('parseDotenv', () => {
  it('reads KEY=value lines, export, quotes and comments', () => {
    expect(parseDotenv('# comment\nA=1\nexport B = two words\nC="quoted # not a comment"\nD=\'single\'\nE=value # comment\n  \nnot a line\n')).toEqual({
      A: '1',
      B: 'two words',
      C: 'quoted # not a comment',
      D: 'single',
      E: 'value',
    });
  });
});

describe('recordedArgs: credentials written in full are not recorded', () => {
  it.each([
    [
      ['-y', '@scope/server', '--root', '/srv/data'],
      ['-y', '@scope/server', '--root', '/srv/data'],
    ],
    [
      ['--api-key', 'abc123secret'],
      ['--api-key', '[redacted]'],
    ],
    [['--token=abc123secret'], ['--token=[redacted]']],
    [
      ['--password', '${DB_PASSWORD}'],
      ['--password', '${DB_PASSWORD}'],
    ],
    [['ghp_a1b2c3d4e5f6g7h8i9j0k1'], ['[redacted]']],
    [
      ['--auth', '--verbose'],
      ['--auth', '--verbose'],
    ],
  ])('%j → %j', (args, expected) => {
    const found: string[] = [];
    expect(recordedArgs(args, found)).toEqual(expected);
    expect(found).toEqual(args.filter((arg, i) => expected[i] !== arg).map((arg) => arg.replace(/^--token=/, '')));
  });
});
