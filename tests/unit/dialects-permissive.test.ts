import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DIALECTS, type DialectId } from '../../src/core/dialects/registry.ts';
import { isPattern } from '../../src/core/policy/glob.ts';
import { evaluatePolicy } from '../../src/core/policy/evaluate.ts';
import { PolicySchema, type Condition, type Policy, type Rule } from '../../src/core/policy/schema.ts';
import {
  agentgatewayDecides,
  agentgatewayName,
  claudeDecides,
  claudeFold,
  clineDecides,
  codexDecides,
  cursorDecides,
  geminiCallName,
  geminiDecides,
  rooDecides,
  rooFold,
  type Call,
  type ClientDecision,
} from '../support/client-decisions.ts';

/** Each format's client (Cline and Roo Code read one file), and the names it cannot tell apart. */
const CLIENTS: { client: string; dialect: DialectId; decides: (text: string, call: Call) => ClientDecision; fold: (server: string, tool: string) => string }[] =
  [
    { client: 'Claude Code', dialect: 'claude-code', decides: claudeDecides, fold: (_s, tool) => claudeFold(tool) },
    { client: 'agentgateway', dialect: 'agentgateway', decides: agentgatewayDecides, fold: (_s, tool) => agentgatewayName(tool) },
    { client: 'Gemini CLI', dialect: 'gemini-cli', decides: geminiDecides, fold: geminiCallName },
    { client: 'Codex', dialect: 'codex', decides: codexDecides, fold: (_s, tool) => tool },
    { client: 'Cursor', dialect: 'cursor', decides: cursorDecides, fold: (_s, tool) => tool.toLowerCase() },
    { client: 'Cline', dialect: 'cline', decides: clineDecides, fold: (_s, tool) => tool },
    { client: 'Roo Code', dialect: 'cline', decides: rooDecides, fold: (_s, tool) => rooFold(tool) },
  ];
const write = (id: DialectId, server: string, policy: Policy) => DIALECTS.find((d) => d.id === id)!.write(server, policy).text;

/** policy-v1's answer to one call, as a client would put it: a rate limit cannot refuse a first call. */
function policyDecides(policy: Policy, tool: string, args: Record<string, unknown>): ClientDecision {
  const { effect } = evaluatePolicy(policy, { tool, args, time: 0 }).decision;
  return effect === 'allow' ? 'allow' : effect === 'require_approval' ? 'ask' : 'deny';
}

// Hostile names: separators, wildcards, quotes, backslashes, newlines, case and Unicode twins, long names.
const HOSTILE_TOOLS = [
  '*',
  'get_*',
  '*_file',
  'a__b',
  'a.b',
  'a_b',
  'a b',
  'A_B',
  'a-b',
  'a:b',
  'a/b',
  'a?b',
  '"q"',
  "it's",
  'back\\slash',
  'new\nline',
  'é',
  'e\u0301',
  '\ud800',
  '__proto__',
  'constructor',
  'x'.repeat(70),
  `${'x'.repeat(69)}y`,
  'read_file',
  'Read_File',
  'read-file',
  'read file',
  'read',
  'mcp_files_read',
  'mcp_my-server_read',
];
const SERVERS = ['files', 'my-server', 'my_server', 'a:b', 'a.b', 'srv*', 'x y', 'café', 'mcp_x', 's'.repeat(40)];
const toolName = fc.oneof(
  fc.constantFrom(...HOSTILE_TOOLS),
  fc.string({ minLength: 1, maxLength: 5, unit: fc.constantFrom('a', 'A', 'b', '_', '-', '.', ':', '/', '*', '?', ' ', '"', '\\', '\n', 'é') }),
);
const CONDITIONS: Condition[] = [
  { path: 'args.force', op: 'eq', value: true },
  { path: 'args.path', op: 'regex', value: '\\.\\.' },
  { path: 'args.path', op: 'exists' },
  { path: 'args.mode', op: 'in', value: ['a', 'b*'] },
  { path: 'args.n', op: 'gt', value: 3 },
  { path: 'args.a.b', op: 'eq', value: 1 },
];
const ARGS: Record<string, unknown>[] = [
  {},
  { force: true },
  { force: false },
  { path: '../x' },
  { path: 'ok' },
  { path: null },
  { mode: 'a' },
  { mode: 'b*' },
  { mode: 'c' },
  { n: 5 },
  { n: 1 },
  { a: { b: 1 } },
  { path: 5 },
];
const limit = { counter: 'c', window: 'minute', max: 1, scope: 'grant' } as const;

const rule: fc.Arbitrary<Rule> = fc
  .record(
    {
      action: fc.constantFrom(undefined, 'allow', 'deny', 'require_approval'),
      reason: fc.constantFrom('a "reason"\n', 'r'),
      deny_if: fc.subarray(CONDITIONS, { minLength: 1, maxLength: 2 }),
      require: fc.subarray(CONDITIONS, { minLength: 1, maxLength: 1 }),
      limits: fc.constant([limit]),
    },
    { requiredKeys: [] },
  )
  .map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Rule);

const policy: fc.Arbitrary<Policy> = fc
  .record({
    default: fc.constantFrom('allow', 'deny'),
    tools: fc.uniqueArray(fc.tuple(toolName, rule), { maxLength: 6, selector: ([name]) => name }),
    hide: fc.uniqueArray(toolName, { maxLength: 2 }),
    limited: fc.boolean(),
  })
  .map(({ tools, hide, limited, ...rest }) =>
    PolicySchema.parse({
      version: '1',
      ...rest,
      // JSON, as a user's file would be: a tool named __proto__ is an own key.
      tools: JSON.parse(`{${tools.map(([name, r]) => `${JSON.stringify(name)}:${JSON.stringify(r)}`).join(',')}}`),
      ...(hide.length ? { hide } : {}),
      ...(limited ? { all_tools: { limits: [limit] } } : {}),
    }),
  );

/**
 * The names a call may use: the policy's own, and hostile others. A call whose name the client
 * writes like a name the policy names (and which the policy does not name itself) is the client's
 * documented limit, said in `lost`: its writer cannot know the server's other names.
 */
function callNames(p: Policy): string[] {
  return [...new Set([...Object.keys(p.tools ?? {}), ...(p.hide ?? []), ...HOSTILE_TOOLS, 'other', 'get_x', 'get.x', 'a_file'])];
}
const exactNames = (p: Policy) => [...Object.keys(p.tools ?? {}), ...(p.hide ?? [])].filter((name) => !isPattern(name));

describe.each(CLIENTS)('$client never lets through unasked a call policy-v1 refuses', ({ client, dialect, decides, fold }) => {
  it('over random policies, hostile tool and server names, and arguments', () => {
    fc.assert(
      fc.property(policy, fc.constantFrom(...SERVERS), (p, server) => {
        const text = write(dialect, server, p);
        const named = exactNames(p);
        for (const tool of callNames(p)) {
          const folded = !named.includes(tool) && named.some((name) => fold(server, name) === fold(server, tool));
          if (folded) continue;
          for (const args of ARGS) {
            const expected = policyDecides(p, tool, args);
            const got = decides(text, { server, tool, args });
            if (expected === 'deny' && got === 'allow') {
              throw new Error(
                `${client} allows ${JSON.stringify(tool)} ${JSON.stringify(args)} on server ${JSON.stringify(server)}, which policy-v1 refuses:\n${text}`,
              );
            }
            // An approval policy-v1 asks for is never skipped either.
            if (expected === 'ask' && got === 'allow') throw new Error(`${client} runs ${JSON.stringify(tool)} unasked, where policy-v1 asks:\n${text}`);
          }
        }
      }),
      { numRuns: 200 },
    );
  }, 60_000);
});

describe('the models read what the writers wrote', () => {
  it.each(CLIENTS)('$client allows a plainly allowed tool and refuses or asks for the rest', ({ dialect, decides }) => {
    const p = PolicySchema.parse({ version: '1', default: 'deny', tools: { read_file: {}, send: { action: 'require_approval' }, drop: { action: 'deny' } } });
    const text = write(dialect, 'files', p);
    const call = (tool: string) => decides(text, { server: 'files', tool, args: {} });
    expect(call('read_file')).toBe('allow');
    expect(call('drop')).not.toBe('allow');
    expect(call('other')).not.toBe('allow');
    expect(call('send')).not.toBe('allow');
  });
});
