import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toolRule } from '../../src/core/catalog/tool-page.ts';
import { policyDocument, SERVER_CALLS_PER_MINUTE } from '../../src/core/catalog/recommend.ts';
import { clineSettings } from '../../src/core/dialects/cline.ts';
import { codexConfig } from '../../src/core/dialects/codex.ts';
import { cursorPermissions } from '../../src/core/dialects/cursor.ts';
import { denyIfPattern, geminiPolicy, geminiToolName } from '../../src/core/dialects/gemini-cli.ts';
import { DIALECT_IDS, dialectById } from '../../src/core/dialects/registry.ts';
import { dialectSnippets } from '../../src/core/dialects/snippets.ts';
import type { Policy, Rule } from '../../src/core/policy/schema.ts';
import { geminiDecides } from '../support/client-decisions.ts';
import { SMALL_CATALOG as catalog } from '../support/small-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';

const doc = (tools: Record<string, Rule>, extra: Partial<Policy> = {}): Policy => ({ version: '1', default: 'deny', tools, ...extra });
const mixed = doc({
  read_file: {},
  send: { action: 'require_approval', reason: 'Sends mail.' },
  drop: { action: 'deny', reason: 'Destroys "everything".' },
  write: { deny_if: [{ path: 'args.force', op: 'eq', value: true }] },
  run: { deny_if: [{ path: 'args.path', op: 'regex', value: '\\.\\.' }] },
});

// Gemini CLI's own rule schema (packages/core/src/policy/toml-loader.ts), strict here so a misspelt key fails.
const GeminiRuleSchema = z.strictObject({
  toolName: z.string().optional(),
  mcpName: z.string().optional(),
  argsPattern: z.string().optional(),
  decision: z.enum(['allow', 'deny', 'ask_user']),
  priority: z.number().int().min(0).max(999),
  denyMessage: z.string().optional(),
});
// Codex's McpServerConfig keys we write (codex-rs config mcp_types.rs), values from AppToolApproval.
const approval = z.enum(['auto', 'prompt', 'approve']);
const CodexServerSchema = z.strictObject({
  enabled_tools: z.array(z.string()).optional(),
  disabled_tools: z.array(z.string()).optional(),
  default_tools_approval_mode: approval.optional(),
  tools: z.record(z.string(), z.strictObject({ approval_mode: approval.optional() })).optional(),
});

describe('the registry', () => {
  it('lists every format by id, for pages and `policy --for`', () => {
    expect(DIALECT_IDS).toEqual(['claude-code', 'agentgateway', 'gemini-cli', 'codex', 'cursor', 'cline']);
    expect(dialectById('codex')?.title).toBe('Codex');
    expect(dialectById('nope')).toBeUndefined();
  });
});

describe('Gemini CLI policy', () => {
  const { text, lost } = geminiPolicy('files', mixed);
  const rules = (parse(text) as { rule: unknown[] }).rule.map((rule) => GeminiRuleSchema.parse(rule));

  it('a rule per tool, argument checks as a higher deny, and the default as the server rule', () => {
    expect(rules).toEqual([
      { mcpName: 'files', toolName: 'read_file', decision: 'allow', priority: 300 },
      { mcpName: 'files', toolName: 'send', decision: 'ask_user', priority: 300 },
      { mcpName: 'files', toolName: 'drop', decision: 'deny', priority: 350, denyMessage: 'Destroys "everything".' },
      {
        mcpName: 'files',
        toolName: 'write',
        argsPattern: '\\x00"force":true\\x00',
        decision: 'deny',
        priority: 400,
        denyMessage: 'Denied by a deny_if check of the policy.',
      },
      { mcpName: 'files', toolName: 'write', decision: 'allow', priority: 300 },
      { mcpName: 'files', toolName: 'run', decision: 'ask_user', priority: 300 },
      { mcpName: 'files', toolName: '*', decision: 'deny', priority: 100, denyMessage: 'Not allowed by the policy: the default is deny.' },
    ]);
    expect(lost.join('\n')).toMatch(/argument checks of run cannot all be written/);
  });

  it.each<[Record<string, unknown>, 'allow' | 'deny']>([
    [{ force: true }, 'deny'],
    [{ force: false }, 'allow'],
    [{ path: 'x', force: true }, 'deny'],
    [{ nested: { force: true } }, 'allow'],
    [{ force: 'true' }, 'allow'],
  ])('the argsPattern denies write with %j: %s', (args, expected) => {
    expect(geminiDecides(text, { server: 'files', tool: 'write', args })).toBe(expected);
  });

  it.each([
    [{ path: 'args.a.b', op: 'eq', value: 1 }],
    [{ path: 'args.n', op: 'gt', value: 1 }],
    [{ path: 'args.x', op: 'eq', value: { deep: 1 } }],
    [{ path: 'args.0', op: 'exists' }],
  ] as const)('writes no argsPattern for %j', (condition) => expect(denyIfPattern(condition as never)).toBeUndefined());

  it('writes a tool name as Gemini CLI rewrites it, so * and quotes are never syntax', () => {
    expect(geminiToolName('files', 'get_*')).toBe('mcp_files_get__');
    expect(geminiToolName('files', 'say "hi"\n')).toBe('mcp_files_say__hi__');
    expect(geminiToolName('files', 'x'.repeat(80))).toMatch(/^mcp_files_x{20}\.\.\.x{30}$/);
  });

  it('never allows unasked a tool named mcp_<server>_<name>, whose rule Gemini CLI also applies to <name>', () => {
    const { text, lost } = geminiPolicy('files', doc({ mcp_files_read: {}, read: { action: 'deny' } }));
    expect(geminiDecides(text, { server: 'files', tool: 'read', args: {} })).toBe('deny');
    expect(geminiDecides(text, { server: 'files', tool: 'mcp_files_read', args: {} })).toBe('ask');
    const unnamed = geminiPolicy('files', doc({ mcp_files_read: {} })).text;
    expect(geminiDecides(unnamed, { server: 'files', tool: 'read', args: {} })).not.toBe('allow');
    expect(lost.join('\n')).toMatch(/mcp_files_read asks instead of running unasked/);
  });

  it('says when the server name is one Gemini CLI rules cannot address', () => {
    expect(geminiPolicy('my_server', mixed).lost.join('\n')).toMatch(/rename the server/);
    expect(geminiPolicy('my-server', mixed).lost.join('\n')).not.toMatch(/rename the server/);
  });
});

describe('Codex config.toml', () => {
  it('default deny: enabled_tools, disabled_tools, ask by default, approve the plain allows', () => {
    const { text, lost } = codexConfig('files', mixed);
    const server = CodexServerSchema.parse((parse(text) as { mcp_servers: Record<string, unknown> }).mcp_servers.files);
    expect(server).toEqual({
      enabled_tools: ['read_file', 'send', 'write', 'run'],
      disabled_tools: ['drop'],
      default_tools_approval_mode: 'prompt',
      tools: {
        read_file: { approval_mode: 'approve' },
        send: { approval_mode: 'prompt' },
        write: { approval_mode: 'prompt' },
        run: { approval_mode: 'prompt' },
      },
    });
    expect(lost.join('\n')).toMatch(/cannot check arguments, so write and run ask/);
  });

  it('default allow approves the rest, unless a pattern it cannot write would refuse some', () => {
    const open = (extra: Record<string, Rule>) =>
      (
        parse(codexConfig('files', doc({ drop: { action: 'deny' }, ...extra }, { default: 'allow' })).text) as {
          mcp_servers: { files: { default_tools_approval_mode: string } };
        }
      ).mcp_servers.files;
    expect(open({}).default_tools_approval_mode).toBe('approve');
    expect(open({ 'delete_*': { action: 'deny' } }).default_tools_approval_mode).toBe('prompt');
  });

  it('quotes hostile names as TOML keys and strings, and they read back as written', () => {
    const names = ['a.b "c"', 'new\nline', 'back\\slash', '__proto__', '[x]', 'é'];
    const { text } = codexConfig('my.server', doc(Object.fromEntries(names.map((name) => [name, {}]))));
    const server = (parse(text) as { mcp_servers: Record<string, { enabled_tools: string[]; tools: Record<string, unknown> }> }).mcp_servers['my.server']!;
    expect(server.enabled_tools).toEqual(names);
    expect(Object.keys(server.tools)).toEqual(names);
  });
});

describe('Cursor permissions.json', () => {
  it('lists the plain allows only, and says it cannot deny', () => {
    const { fragment, lost } = cursorPermissions('files', mixed);
    expect(fragment).toEqual({ mcpAllowlist: ['files:read_file'] });
    expect(lost.join('\n')).toMatch(/Cursor cannot deny a tool: drop, and every tool the policy does not name, ask/);
  });

  it('writes no entry a glob could widen, nor for names it cannot tell apart from a refused one', () => {
    expect(cursorPermissions('a:b', doc({ t: {} })).fragment.mcpAllowlist).toEqual([]);
    expect(cursorPermissions('files', doc({ 'a?': {}, t: {} })).fragment.mcpAllowlist).toEqual(['files:t']);
    const twins = cursorPermissions('files', doc({ Read: {}, read: { action: 'deny' } }));
    expect(twins.fragment.mcpAllowlist).toEqual([]);
    expect(twins.lost.join('\n')).toMatch(/cannot tell "Read" and "read" apart/);
  });
});

describe('Cline and Roo Code settings', () => {
  it('autoApprove and alwaysAllow for the plain allows, disabledTools for the denied', () => {
    expect(clineSettings('files', mixed).fragment.mcpServers.files).toEqual({
      autoApprove: ['read_file'],
      alwaysAllow: ['read_file'],
      disabledTools: ['drop'],
    });
  });

  it('never approves a name Roo Code reads like a refused one', () => {
    const { fragment, lost } = clineSettings('files', doc({ 'read-file': {}, read_file: { action: 'deny' } }));
    expect(fragment.mcpServers.files).toEqual({ autoApprove: [], alwaysAllow: [], disabledTools: ['read-file', 'read_file'] });
    expect(lost.join('\n')).toMatch(/cannot tell "read-file" and "read_file" apart/);
  });
});

const pages = [
  ...catalog.tools.map(
    (tool) => [`${tool.server.slug}/${tool.name}`, tool.server.slug, policyDocument({ [tool.name]: toolRule(tool, loadDefinition(tool)) })] as const,
  ),
  ...catalog.servers.map(
    (server) =>
      [
        server.slug,
        server.slug,
        policyDocument(Object.fromEntries(server.tools.map((t) => [t.name, toolRule(t, loadDefinition(t))])), SERVER_CALLS_PER_MINUTE),
      ] as const,
  ),
];

describe.each(pages)('the formats of the page %s', (_id, serverKey, policy) => {
  const snippets = new Map(dialectSnippets(serverKey, policy).map((snippet) => [snippet.id, snippet]));

  it('Gemini CLI rules fit its schema and its ReDoS check', () => {
    for (const rule of (parse(snippets.get('gemini-cli')!.text) as { rule: unknown[] }).rule) {
      const parsed = GeminiRuleSchema.parse(rule);
      if (parsed.argsPattern) expect(parsed.argsPattern).not.toMatch(/\([^)]*[*+?{].*\)[*+?{]/);
    }
  });

  it('Codex keys are ones Codex knows', () => {
    const servers = (parse(snippets.get('codex')!.text) as { mcp_servers: Record<string, unknown> }).mcp_servers;
    expect(Object.keys(servers)).toEqual([serverKey]);
    CodexServerSchema.parse(servers[serverKey]);
  });

  it('Cursor and Cline fragments are JSON of the documented shape', () => {
    expect(Object.keys(JSON.parse(snippets.get('cursor')!.text))).toEqual(['mcpAllowlist']);
    expect(Object.keys(JSON.parse(snippets.get('cline')!.text).mcpServers)).toEqual([serverKey]);
  });
});
