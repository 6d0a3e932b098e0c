import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { describe, expect, it } from 'vitest';
import { toolRule } from '../../src/core/catalog/tool-page.ts';
import { agentgatewayAuthorization, celString } from '../../src/core/dialects/agentgateway.ts';
import { claudeCodeName, claudeCodePermissions } from '../../src/core/dialects/claude-code.ts';
import { dialectSnippets } from '../../src/core/dialects/snippets.ts';
import { policyDocument, SERVER_CALLS_PER_MINUTE } from '../../src/core/catalog/recommend.ts';
import type { Policy, Rule } from '../../src/core/policy/schema.ts';
import { catalogOf, SMALL_CATALOG as catalog } from '../support/small-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';

const limit = { counter: 'c', window: 'minute', max: 5, scope: 'grant' } as const;
const denyIf = [{ path: 'args.path', op: 'exists' }] as const;
const doc = (tools: Record<string, Rule>, extra: Partial<Policy> = {}): Policy => ({ version: '1', default: 'deny', tools, ...extra });

describe('Claude Code permissions', () => {
  it.each<[string, Rule, 'allow' | 'ask' | 'deny']>([
    ['allow', {}, 'allow'],
    ['allow with limits', { limits: [limit] }, 'allow'],
    ['allow with argument checks (which Claude Code cannot check, so a person does)', { deny_if: [...denyIf] }, 'ask'],
    ['require_approval', { action: 'require_approval', limits: [limit] }, 'ask'],
    ['deny', { action: 'deny', reason: 'no' }, 'deny'],
  ])('%s -> %s', (_label, rule, list) => {
    const { fragment } = claudeCodePermissions('files', doc({ read_file: rule }));
    expect(fragment).toEqual({ permissions: { [list]: ['mcp__files__read_file'] } });
  });

  it('says which limits, checks and reasons it drops', () => {
    const { lost } = claudeCodePermissions(
      'files',
      doc({ a: { limits: [limit] }, b: { deny_if: [...denyIf], reason: 'r' } }, { all_tools: { limits: [limit] } }),
    );
    expect(lost.join('\n')).toMatch(/default deny is left out/);
    expect(lost.join('\n')).toMatch(/cap on all calls together \(5 calls a minute per grant\)/);
    expect(lost.join('\n')).toMatch(/limit on a \(5 calls a minute per grant\)/);
    expect(lost.join('\n')).toMatch(/argument checks \(deny_if, require\) of b/);
    expect(lost.join('\n')).toMatch(/Reasons are left out/);
  });

  it('drops nothing but the default for a plain allow or deny', () => {
    expect(claudeCodePermissions('s', doc({ t: {} })).lost).toHaveLength(1);
    expect(claudeCodePermissions('s', doc({ t: {} }, { default: 'allow' })).lost).toEqual([]);
  });

  it('does not report the limits of a denied tool as lost', () => {
    expect(claudeCodePermissions('s', doc({ t: { action: 'deny', limits: [limit] } }, { default: 'allow' })).lost).toEqual([]);
  });

  it('denies hidden tools, and the whole server for "*"', () => {
    const { fragment, lost } = claudeCodePermissions('s', doc({ a: {} }, { hide: ['secret', '*'] }));
    expect(fragment.permissions.deny).toEqual(['mcp__s__secret', 'mcp__s']);
    expect(lost.join('\n')).toMatch(/still lists them/);
  });

  it('a default allow becomes an allow on the whole server, which deny and ask still override', () => {
    const { fragment } = claudeCodePermissions('s', doc({ drop: { action: 'deny' } }, { default: 'allow' }));
    expect(fragment.permissions).toEqual({ allow: ['mcp__s'], deny: ['mcp__s__drop'] });
  });

  it('keeps * of a pattern in the tool part and warns that the ranking differs', () => {
    const { fragment, lost } = claudeCodePermissions('s', doc({ 'delete_*': { action: 'deny' }, delete_draft: {} }));
    expect(fragment.permissions).toEqual({ allow: ['mcp__s__delete_draft'], deny: ['mcp__s__delete_*'] });
    expect(lost.join('\n')).toMatch(/Patterns lose their ranking/);
  });

  it.each([
    ['github', 'github'],
    ['my-server', 'my-server'],
    ['my.server v2', 'my_server_v2'],
    ['claude.ai Slack', 'claude_ai_Slack'],
    ['café/ü', 'caf___'],
  ])('names the server %j as %j, as Claude Code does', (name, expected) => {
    expect(claudeCodeName(name)).toBe(expected);
  });

  it('normalizes hostile tool names the same way, so they cannot add a wildcard or break the rule', () => {
    const { fragment } = claudeCodePermissions('s', doc({ 'get.file(x) "q"': {}, 'a\nb': {} }));
    expect(fragment.permissions.allow).toEqual(['mcp__s__get_file_x___q_', 'mcp__s__a_b']);
  });

  it('lists each rule once, however many names normalize to it', () => {
    const { fragment } = claudeCodePermissions('s', doc({ 'a.b': {}, a_b: {} }));
    expect(fragment.permissions.allow).toEqual(['mcp__s__a_b']);
  });
});

describe('agentgateway mcpAuthorization', () => {
  const rulesOf = (policy: Policy) => agentgatewayAuthorization('files', policy).fragment.mcp.policies.mcpAuthorization.rules;
  const test = (name: string) => `mcp.tool.target == "files" && mcp.tool.name == "${name}"`;

  it('allow (with limits) -> an allow rule for the target and tool; with argument checks it cannot make, a deny', () => {
    expect(rulesOf(doc({ read: { limits: [limit] }, write: { deny_if: [...denyIf] } }))).toEqual([{ allow: test('read') }, { deny: test('write') }]);
  });

  it('deny -> a deny rule, plus an allow that matches nothing so unnamed tools stay denied', () => {
    expect(rulesOf(doc({ drop: { action: 'deny' } }))).toEqual([{ allow: 'false' }, { deny: test('drop') }]);
  });

  it('under default allow, deny rules alone (agentgateway then allows the rest)', () => {
    expect(rulesOf(doc({ drop: { action: 'deny' }, read: {} }, { default: 'allow', hide: ['secret'] }))).toEqual([
      { allow: test('read') },
      { deny: test('secret') },
      { deny: test('drop') },
    ]);
  });

  it('require_approval -> deny, and says why', () => {
    const { fragment, lost } = agentgatewayAuthorization('files', doc({ send: { action: 'require_approval', limits: [limit] } }));
    expect(fragment.mcp.policies.mcpAuthorization.rules).toEqual([{ allow: 'false' }, { deny: test('send') }]);
    expect(lost.join('\n')).toMatch(/no step where a person approves a call, so send is denied here/);
  });

  it('says which limits and checks it drops', () => {
    const lost = agentgatewayAuthorization('files', doc({ a: { limits: [limit] }, b: { require: [...denyIf] } })).lost.join('\n');
    expect(lost).toMatch(/limit on a/);
    expect(lost).toMatch(/argument checks \(deny_if, require\) of b/);
  });

  it('turns a pattern into an anchored regular expression with its literal parts escaped', () => {
    expect(rulesOf(doc({ 'fs.delete_*': { action: 'deny' }, x: {} }))).toContainEqual({
      deny: 'mcp.tool.target == "files" && mcp.tool.name.matches("^fs\\\\.delete_[\\\\s\\\\S]*$")',
    });
  });

  it.each([
    ['say "hi"', '"say \\"hi\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['line\nbreak', '"line\\nbreak"'],
    ['lone \ud800 surrogate', '"lone \ufffd surrogate"'],
    ['pair \ud83d\ude00 kept', '"pair \ud83d\ude00 kept"'],
  ])('writes the hostile name %j as the CEL literal %s', (name, literal) => {
    expect(celString(name)).toBe(literal);
  });
});

const schema = (file: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/schemas/${file}`, import.meta.url)), 'utf8'));
const ajv = new Ajv({ allErrors: true, strict: true });
const validClaude = ajv.compile(schema('claude-code-permissions.schema.json'));
const validGateway = ajv.compile(schema('agentgateway-mcp-authorization.schema.json'));
// Stricter than the published pattern (`mcp__.*`): what Claude Code's own names look like.
const CLAUDE_MCP_RULE = /^mcp__[A-Za-z0-9_-]+(__[A-Za-z0-9_*-]+)?$/;

describe('the schemas catch what they should', () => {
  it('rejects a misspelt key, a duplicate rule and a rule that is not an MCP rule', () => {
    expect(validClaude({ permissions: { alow: ['mcp__s'] } })).toBe(false);
    expect(validClaude({ permissions: { deny: ['mcp__s', 'mcp__s'] } })).toBe(false);
    expect(validClaude({ permissions: { allow: ['s__t'] } })).toBe(false);
    expect(validGateway({ mcp: { policies: { mcpAuthorization: { rules: [{ allow: 'true', deny: 'true' }] } } } })).toBe(false);
    expect(validGateway({ mcp: { policies: { mcpAuthorization: { rule: [] } } } })).toBe(false);
  });
});

// Names as servers send them: dots, dashes, spaces, a quote, letters beyond ASCII.
const oddNames = catalogOf({
  'odd-names': {
    name: 'Odd Names',
    tools: [
      { name: 'iam.setPolicy', description: 'Sets the access policy of a project.' },
      { name: 'pods-list', description: 'Lists the pods of a namespace.' },
      { name: 'run script "now"', description: 'Runs a saved script.' },
      { name: 'lire_fiché', description: 'Reads a file.' },
    ],
  },
});
const pages = [
  ...[...catalog.tools, ...oddNames.tools].map(
    (tool) => [`${tool.server.slug}/${tool.name}`, tool.server.slug, policyDocument({ [tool.name]: toolRule(tool, loadDefinition(tool)) })] as const,
  ),
  ...[...catalog.servers, ...oddNames.servers].map(
    (server) =>
      [
        server.slug,
        server.slug,
        policyDocument(Object.fromEntries(server.tools.map((t) => [t.name, toolRule(t, loadDefinition(t))])), SERVER_CALLS_PER_MINUTE),
      ] as const,
  ),
];

describe.each(pages)('dialects of the page %s', (_id, serverKey, policy) => {
  const [claude, gateway] = dialectSnippets(serverKey, policy);

  it('Claude Code fragment validates against the settings schema, every rule in Claude Code MCP form', () => {
    const fragment = JSON.parse(claude!.text);
    expect(validClaude(fragment), ajv.errorsText(validClaude.errors)).toBe(true);
    for (const rule of Object.values<string[]>(fragment.permissions).flat()) expect(rule).toMatch(CLAUDE_MCP_RULE);
  });

  it('agentgateway fragment validates against the configuration schema', () => {
    expect(validGateway(JSON.parse(gateway!.text)), ajv.errorsText(validGateway.errors)).toBe(true);
  });
});
