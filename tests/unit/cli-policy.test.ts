import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/policy-command.ts';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { loadCatalogDir } from '../../src/build/catalog/load.ts';
import { POLICY_FORMATS } from '../../src/core/dialects/formats.ts';
import { stackPolicy } from '../../src/core/flows/stack-policy.ts';
import { PolicySchema } from '../../src/core/policy/schema.ts';
import { validatePolicyText } from '../../src/core/policy/validate.ts';
import { CODE_HOST_SLUG, codeHostServer } from '../fixtures/code-host-server.ts';
import { runCommand } from '../support/command-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'policy-atlas-policy-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A catalog of two servers: the code host, and one with a chat that others write and a send.
const chat = {
  name: 'Team Chat Server',
  tools: [
    {
      name: 'read_channel',
      description: 'Returns the latest messages other people posted in a channel.',
      inputSchema: { type: 'object', properties: { channel: { type: 'string' } } },
      annotations: { readOnlyHint: true },
    },
    {
      name: 'post_message',
      description: 'Posts a message with text of your choosing to a channel everyone in the workspace reads.',
      inputSchema: { type: 'object', properties: { channel: { type: 'string' }, text: { type: 'string' } } },
    },
  ],
};
mkdirSync(join(dir, 'catalog/servers'), { recursive: true });
writeFileSync(join(dir, `catalog/servers/${CODE_HOST_SLUG}.json`), JSON.stringify(codeHostServer, null, 2));
writeFileSync(join(dir, 'catalog/servers/team-chat.json'), JSON.stringify(chat, null, 2));
const catalog = buildCatalog(loadCatalogDir(join(dir, 'catalog')));

async function cli(...args: string[]) {
  const { code, stdout, stderr } = await runCommand(run, ['--catalog', 'catalog', ...args], { cwd: dir });
  return { status: code, stdout, stderr };
}

describe('policy-atlas policy --for policy-v1', () => {
  it('writes the stack policy the stack page makes: the sends under approval, the reads allowed', async () => {
    const { status, stdout, stderr } = await cli('--for', 'policy-v1');
    expect([status, stderr]).toEqual([0, '']);
    expect(JSON.parse(stdout)).toEqual(stackPolicy(catalog.servers).policy);
    const tools = PolicySchema.parse(JSON.parse(stdout)).tools!;
    expect(tools.read_file!.action).toBeUndefined();
    expect([tools.push_files!.action, tools.post_message!.action]).toEqual(['require_approval', 'require_approval']);
    expect(validatePolicyText(stdout)).toMatchObject({ ok: true, problems: [] });
  });

  it('with --strict denies the smallest leg, and --servers picks the stack', async () => {
    const strict = PolicySchema.parse(JSON.parse((await cli('--for', 'policy-v1', '--strict')).stdout)).tools!;
    expect(strict.read_file!.action).toBe('deny');
    const alone = PolicySchema.parse(JSON.parse((await cli('--for', 'policy-v1', '--servers', 'team-chat')).stdout)).tools!;
    expect(Object.keys(alone).sort()).toEqual(['post_message', 'read_channel']);
  });
});

describe('policy-atlas policy --for claude-code', () => {
  it('names each server as the client does, and says on stderr what the format cannot say', async () => {
    const { status, stdout, stderr } = await cli('--for', 'claude-code', '--servers', 'code-host');
    expect(status).toBe(0);
    const { permissions } = JSON.parse(stdout);
    // read_file's argument checks have no Claude Code form, so it asks rather than run unchecked.
    expect(permissions.ask).toEqual([
      'mcp__code-host__add_issue_comment',
      'mcp__code-host__create_pull_request',
      'mcp__code-host__push_files',
      'mcp__code-host__read_file',
    ]);
    expect(permissions.allow).toContain('mcp__code-host__list_issues');
    expect(stderr).toMatch(/^policy-atlas policy: Claude Code settings\.json permissions cannot say: The default deny is left out/m);
    expect(stderr).toContain('rate limits');
  });

  const SETTINGS = [
    '{',
    '\t"model": "opus",',
    '\t"permissions": {',
    '\t\t"deny": ["Bash(rm:*)", "mcp__code-host__push_files"],',
    '\t\t"defaultMode": "default"',
    '\t},',
    '\t"env": { "X": "1" }',
    '}',
    '',
  ].join('\n');

  it('merges into the client settings file given with --config, keeping the rest, leaving the file alone', async () => {
    writeFileSync(join(dir, 'settings.json'), SETTINGS);
    const { status, stdout } = await cli('--for', 'claude-code', '--servers', 'code-host', '--config', 'settings.json');
    expect(status).toBe(0);
    expect(readFileSync(join(dir, 'settings.json'), 'utf8')).toBe(SETTINGS);
    const merged = JSON.parse(stdout);
    expect(Object.keys(merged)).toEqual(['model', 'permissions', 'env']);
    expect(Object.keys(merged.permissions)).toEqual(['deny', 'defaultMode', 'allow', 'ask']);
    expect(merged.permissions.deny).toEqual(['Bash(rm:*)', 'mcp__code-host__push_files']);
    expect(merged.env).toEqual({ X: '1' });
    expect(stdout).toMatch(/^\t"model": "opus",$/m);
  });

  it('writes over the client file only with --write, atomically, keeping its mode; a second run adds nothing', async () => {
    const path = join(dir, 'write-settings.json');
    writeFileSync(path, SETTINGS);
    chmodSync(path, 0o600);
    expect((await cli('--for', 'claude-code', '--config', 'write-settings.json', '--write')).status).toBe(0);
    const once = readFileSync(path, 'utf8');
    expect(JSON.parse(once).permissions.ask).toContain('mcp__team-chat__post_message');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect((await cli('--for', 'claude-code', '--config', 'write-settings.json', '--write')).status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(once);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('writes the merged file to --out, and starts from an empty file when the client file does not exist yet', async () => {
    const { status, stderr } = await cli('--for', 'claude-code', '--config', 'new/settings.json', '--out', 'merged.json');
    expect(status).toBe(0);
    expect(stderr).toContain('new/settings.json does not exist yet');
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'merged.json'), 'utf8')))).toEqual(['permissions']);
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{ "permissions": { ,} }', /^policy-atlas policy: bad\.json: not valid JSON: .*line 1/m],
    ['not an object', '[1]', /bad\.json: expected a JSON object/],
    ['a permissions list that is not strings', '{ "permissions": { "allow": [1] } }', /bad\.json › permissions\.allow: expected a list of rule strings/],
  ])('refuses a client file that is %s, naming the file and the path, and changes nothing', async (_what, content, message) => {
    writeFileSync(join(dir, 'bad.json'), content);
    const { status, stdout, stderr } = await cli('--for', 'claude-code', '--config', 'bad.json', '--write');
    expect([status, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
    expect(readFileSync(join(dir, 'bad.json'), 'utf8')).toBe(content);
  });
});

describe('policy-atlas policy --config for codex and cline', () => {
  const CONFIG_TOML = [
    '# my Codex setup',
    'model = "o4"',
    '',
    '[mcp_servers.code-host]',
    'command = "npx" # pinned',
    'args = ["-y", "code-host@1.0.0"]',
    'enabled_tools = ["stale"]',
    '',
    '[mcp_servers.elsewhere]',
    'command = "other"',
    '',
  ].join('\n');

  it('codex: prints the whole config.toml with our keys in the server table, the rest byte for byte, the file left alone', async () => {
    writeFileSync(join(dir, 'config.toml'), CONFIG_TOML);
    const { status, stdout, stderr } = await cli('--for', 'codex', '--servers', 'code-host', '--config', 'config.toml');
    expect([status, stderr]).toEqual([0, expect.not.stringContaining('had no server')]);
    expect(readFileSync(join(dir, 'config.toml'), 'utf8')).toBe(CONFIG_TOML);
    expect(
      stdout.startsWith(
        '# my Codex setup\nmodel = "o4"\n\n[mcp_servers.code-host]\ncommand = "npx" # pinned\nargs = ["-y", "code-host@1.0.0"]\nenabled_tools = [',
      ),
    ).toBe(true);
    expect(stdout.endsWith('\n[mcp_servers.elsewhere]\ncommand = "other"\n')).toBe(true);
    const server = (parseToml(stdout) as { mcp_servers: Record<string, Record<string, unknown>> }).mcp_servers['code-host']!;
    expect(server.enabled_tools).toContain('list_issues');
    expect(server.enabled_tools).not.toContain('stale');
    expect((server.tools as Record<string, { approval_mode: string }>).push_files!.approval_mode).toBe('prompt');
  });

  it('codex: --write leaves out the servers the file lacks (Codex would refuse the whole file), says so, and a second run changes nothing', async () => {
    const path = join(dir, 'write-config.toml');
    writeFileSync(path, CONFIG_TOML);
    const { status, stderr } = await cli('--for', 'codex', '--config', 'write-config.toml', '--write');
    expect(status).toBe(0);
    expect(stderr).toMatch(/^policy-atlas policy: write-config\.toml has no server named team-chat: its policy is left out/m);
    const once = readFileSync(path, 'utf8');
    expect(once.startsWith(CONFIG_TOML.split('enabled_tools')[0]!)).toBe(true);
    expect(Object.keys((parseToml(once) as { mcp_servers: object }).mcp_servers)).toEqual(['code-host', 'elsewhere']);
    expect((await cli('--for', 'codex', '--config', 'write-config.toml', '--write')).status).toBe(0);
    expect(readFileSync(path, 'utf8')).toBe(once);
  });

  it('codex: refuses a config.toml that is not TOML, naming the file and line, and changes nothing', async () => {
    writeFileSync(join(dir, 'bad.toml'), '[mcp_servers.code-host\n');
    const { status, stdout, stderr } = await cli('--for', 'codex', '--config', 'bad.toml', '--write');
    expect([status, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(/^policy-atlas policy: bad\.toml: not valid TOML: .* at line 1/m);
    expect(readFileSync(join(dir, 'bad.toml'), 'utf8')).toBe('[mcp_servers.code-host\n');
  });

  it('cline: merges autoApprove, alwaysAllow and disabledTools into the server entry, keeping its other keys', async () => {
    const settings =
      '{\n    "mcpServers": {\n        "code-host": { "command": "npx", "args": ["-y", "code-host"], "autoApprove": ["push_files"] }\n    }\n}\n';
    writeFileSync(join(dir, 'cline_mcp_settings.json'), settings);
    const { status, stdout } = await cli('--for', 'cline', '--servers', 'code-host', '--config', 'cline_mcp_settings.json');
    expect(status).toBe(0);
    const entry = JSON.parse(stdout).mcpServers['code-host'];
    expect(Object.keys(entry)).toEqual(['command', 'args', 'autoApprove', 'alwaysAllow']);
    expect([entry.command, entry.args]).toEqual(['npx', ['-y', 'code-host']]);
    expect(entry.autoApprove).toContain('list_issues');
    expect(entry.autoApprove).not.toContain('push_files');
    expect(stdout).toMatch(/^ {8}"code-host": \{$/m);
  });
});

describe('policy-atlas policy: usage', () => {
  it.each<[string, string[], RegExp]>([
    ['no format', [], /name the format/],
    ['an unknown format', ['--for', 'constructor'], /unknown format "constructor": one of policy-v1, claude-code, agentgateway/],
    ['--write without --config', ['--for', 'claude-code', '--write'], /--write writes over the client file given with --config/],
    ['--config for a format of its own', ['--for', 'policy-v1', '--config', 'x.json'], /policy-v1 is a file of its own/],
    ['an unknown server', ['--for', 'policy-v1', '--servers', 'code-host,nope'], /no server "nope"/],
    ['an unknown flag', ['--for', 'policy-v1', '--strcit'], /Unknown option '--strcit'/],
  ])('%s: exit 2 with the reason and the help', async (_what, args, message) => {
    const { status, stdout, stderr } = await cli(...args);
    expect([status, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
    expect(stderr).toContain('Usage: policy-atlas policy');
  });
});

describe('the format registry', () => {
  it('writes every format from the same stack policy, each with what it loses', () => {
    const { policy, servers } = stackPolicy(catalog.servers);
    for (const [id, format] of Object.entries(POLICY_FORMATS)) {
      const output = format.write(policy, servers);
      expect(output.text.endsWith('\n'), id).toBe(true);
      // An allow-only format (Cursor, Cline) names what runs unasked; the send, under approval, is left out.
      expect(output.text, id).toContain(id === 'cursor' || id === 'cline' ? 'list_issues' : 'post_message');
    }
    // Names each server once per rule list, joined without repeats.
    const gateway = JSON.parse(POLICY_FORMATS.agentgateway!.write(policy, servers).text);
    const rules = gateway.mcp.policies.mcpAuthorization.rules.map((rule: unknown) => JSON.stringify(rule));
    expect(new Set(rules).size).toBe(rules.length);
    expect(rules.some((rule: string) => rule.includes('\\"team-chat\\"'))).toBe(true);
  });
});
