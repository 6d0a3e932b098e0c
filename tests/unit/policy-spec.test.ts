import { describe, expect, it } from 'vitest';
import { call, NOON, perMinute, policyOf, runCalls } from '../support/policy-calls.ts';
import { conditionHolds } from '../../src/core/policy/conditions.ts';
import { policyJsonSchema } from '../../src/core/policy/json-schema.ts';
import { evaluatePolicy, type CounterState, type Decision } from '../../src/core/policy/evaluate.ts';
import type { Condition } from '../../src/core/policy/schema.ts';
import { validatePolicyText } from '../../src/core/policy/validate.ts';

// One describe per statement of ../shared/spec/policy-v1.md that the other policy suites left open,
// or that the engine read differently: the statement is quoted, the cases follow from it.

const valid = (fields: Record<string, unknown>) => validatePolicyText(JSON.stringify({ version: '1', default: 'deny', ...fields })).ok;
const withCondition = (condition: Record<string, unknown>) => ({ tools: { t: { deny_if: [{ path: 'args.x', ...condition }] } } });

/** The effect of one call under a rule `t` made of `deny_if: [condition]`, then of `require: [condition]`. */
const effects = (condition: Condition, args: unknown) => [
  evaluatePolicy(policyOf({ tools: { t: { deny_if: [condition] } } }), call('t', args)).decision.effect,
  evaluatePolicy(policyOf({ tools: { t: { require: [condition] } } }), call('t', args)).decision.effect,
];

describe('"max": positive integer', () => {
  const withMax = (max: number) =>
    validatePolicyText(JSON.stringify({ version: '1', default: 'deny', tools: { t: { limits: [{ counter: 'c', window: 'minute', max, scope: 'grant' }] } } }));

  it.each([0, -1, 1.5, -0.5])('refuses %s, saying what max must be', (max) => {
    expect(withMax(max).problems.map((p) => p.message)).toEqual([`tools.t.limits[0].max: must be a positive integer (1 or more), got number ${max}`]);
  });

  it.each([1, 2 ** 53, 1e20])('accepts %s', (max) => {
    expect(withMax(max).ok).toBe(true);
  });

  it('the published JSON Schema says integer', () => {
    expect((policyJsonSchema() as { $defs: { Limit: { properties: { max: unknown } } } }).$defs.Limit.properties.max).toEqual({
      type: 'integer',
      exclusiveMinimum: 0,
    });
  });
});

describe('"Limits with the same counter name and scope share one count"', () => {
  it('the same counter name under another scope counts apart', () => {
    const policy = policyOf({ tools: { t: { limits: [perMinute('c', 1, 'grant'), perMinute('c', 2, 'session')] } } });
    const first = { grant: 'g1', session: 's1' };
    const otherGrant = { grant: 'g2', session: 's1' };
    // Under grant g2 the grant count is fresh, but the session count (shared by s1) is now 2 of 2.
    expect(
      runCalls(policy, [call('t', {}, NOON, first), call('t', {}, NOON, otherGrant), call('t', {}, NOON, { grant: 'g3', session: 's1' })]).map((d) => d.effect),
    ).toEqual(['allow', 'allow', 'rate_limited']);
  });
});

describe('"all_tools.limits then the rule\'s limits": the first exhausted names the decision', () => {
  it('both exhausted: the all_tools counter is named', () => {
    const policy = policyOf({ all_tools: { limits: [perMinute('all', 1)] }, tools: { t: { limits: [perMinute('mine', 1)] } } });
    expect(runCalls(policy, [call('t'), call('t')])[1]).toMatchObject({ effect: 'rate_limited', counter: 'all' });
  });

  it("only the rule's exhausted: the rule's counter is named", () => {
    const policy = policyOf({ all_tools: { limits: [perMinute('all', 5)] }, tools: { t: { limits: [perMinute('mine', 1)] } } });
    expect(runCalls(policy, [call('t'), call('t')])[1]).toMatchObject({ effect: 'rate_limited', counter: 'mine' });
  });
});

describe('"the seconds until the window resets": whole seconds, rounded up, never 0', () => {
  it.each<[string, number, number]>([
    ['at the first millisecond of the minute', Date.UTC(2025, 0, 1, 12, 0, 0, 0), 60],
    ['on a whole second', Date.UTC(2025, 0, 1, 12, 0, 45, 0), 15],
    ['at the last millisecond of the minute', Date.UTC(2025, 0, 1, 12, 0, 59, 999), 1],
  ])('%s', (_name, time, seconds) => {
    const policy = policyOf({ tools: { t: { limits: [perMinute('c', 1)] } } });
    expect(runCalls(policy, [call('t', {}, time), call('t', {}, time)])[1]).toMatchObject({
      effect: 'rate_limited',
      retryAfterSeconds: seconds,
      resetAt: Date.UTC(2025, 0, 1, 12, 1),
    });
  });
});

describe('"counts are only taken when the call is otherwise allowed"', () => {
  it('hidden and default-denied calls take no count', () => {
    const policy = policyOf({ hide: ['secret'], all_tools: { limits: [perMinute('all', 1)] }, tools: { ok: {} } });
    let state: CounterState = {};
    for (const tool of ['secret', 'unknown']) state = evaluatePolicy(policy, call(tool), state).state;
    expect(state).toEqual({});
    expect(evaluatePolicy(policy, call('ok'), state).decision.effect).toBe('allow');
  });
});

describe('"among patterns the longest literal prefix wins; ties are an error"', () => {
  it.each<[string, Record<string, object>, boolean]>([
    ['"get_*" and "get*" differ in prefix', { 'get_*': {}, 'get*': {} }, true],
    ['"a*b" and "a*c" share a prefix but no name', { 'a*b': {}, 'a*c': {} }, true],
    ['"*" and "*_admin" both match "x_admin"', { '*': {}, '*_admin': {} }, false],
    ['"a*" and "a**" match the same names', { 'a*': {}, 'a**': {} }, false],
    ['an exact name never ties with a pattern', { get_x: {}, 'get_*': {} }, true],
  ])('%s', (_name, tools, ok) => {
    expect(valid({ tools })).toBe(ok);
  });

  it('"get_*" beats "get*" for get_x; "get*" alone takes getx', () => {
    const policy = policyOf({ tools: { 'get_*': { action: 'deny' }, 'get*': {} } });
    expect(evaluatePolicy(policy, call('get_x')).decision).toMatchObject({ effect: 'deny', rule: 'get_*' });
    expect(evaluatePolicy(policy, call('getx')).decision).toMatchObject({ effect: 'allow', rule: 'get*' });
  });

  it('a pattern rule whose tool is hidden: hide decides', () => {
    const policy = policyOf({ default: 'allow', hide: ['get_secret'], tools: { 'get_*': {} } });
    expect(evaluatePolicy(policy, call('get_secret')).decision.effect).toBe('hidden');
    expect(evaluatePolicy(policy, call('get_public')).decision).toMatchObject({ effect: 'allow', rule: 'get_*' });
  });
});

describe('"a document written for that gateway validates here unchanged"', () => {
  it('empty lists everywhere, as its builder writes them', () => {
    expect(valid({ hide: [], all_tools: { limits: [] }, tools: { create_charge: { require: [], deny_if: [], limits: [] } } })).toBe(true);
  });
});

describe('dotted paths into args', () => {
  it.each<[string, unknown, boolean]>([
    ['args.items.0.id', { items: [{ id: 7 }] }, true],
    ['args.items.1.id', { items: [{ id: 7 }] }, false],
    ['args.a.b.c', { a: { b: { c: 1 } } }, true],
    ['args.a.b.c', { a: { b: 'c' } }, false],
  ])('%s in %j exists: %s', (path, args, holds) => {
    expect(conditionHolds({ path, op: 'exists' }, args)).toBe(holds);
  });
});

describe('"in/not_in take an array": any array of JSON values, compared as eq compares', () => {
  it.each<[string, unknown]>([
    ['objects', [{ id: 1 }, { id: 2 }]],
    ['arrays', [['a', 'b']]],
    ['mixed', ['a', 1, null, { k: [1] }]],
  ])('accepts an array of %s', (_name, value) => {
    expect(valid(withCondition({ op: 'in', value }))).toBe(true);
    expect(valid(withCondition({ op: 'not_in', value }))).toBe(true);
  });

  it('refuses a value that is not an array', () => {
    expect(valid(withCondition({ op: 'in', value: { a: 1 } }))).toBe(false);
    expect(valid(withCondition({ op: 'not_in', value: 'a' }))).toBe(false);
  });

  it.each<[Condition, unknown, boolean]>([
    [{ path: 'args.x', op: 'in', value: [{ id: 1 }, { id: 2 }] }, { x: { id: 2 } }, true],
    [{ path: 'args.x', op: 'in', value: [{ id: 1 }] }, { x: { id: 2 } }, false],
    [{ path: 'args.x', op: 'in', value: [['a', 'b']] }, { x: ['a', 'b'] }, true],
    [{ path: 'args.x', op: 'not_in', value: [{ id: 1 }] }, { x: { id: 1 } }, false],
    [{ path: 'args.x', op: 'not_in', value: [{ id: 1 }] }, { x: { id: 2 } }, true],
  ])('%j on %j -> %s', (condition, args, holds) => {
    expect(conditionHolds(condition, args)).toBe(holds);
  });
});

describe('"contains": a value the spec does not restrict (deep equality against array items)', () => {
  it('accepts an object or array value', () => {
    expect(valid(withCondition({ op: 'contains', value: { id: 1 } }))).toBe(true);
    expect(valid(withCondition({ op: 'contains', value: ['a'] }))).toBe(true);
  });

  it.each<[unknown, boolean]>([
    [{ items: [{ id: 1 }, { id: 2 }] }, true],
    [{ items: [{ id: 3 }] }, false],
  ])('an array argument contains an object item: %j -> %s', (args, holds) => {
    expect(conditionHolds({ path: 'args.items', op: 'contains', value: { id: 2 } }, args)).toBe(holds);
  });
});

// Ambiguous in the spec; our reading: an argument of the wrong type cannot be compared, and "a policy
// fails closed", so the call is denied whether the condition sits in deny_if or in require. Otherwise
// `deny_if amount gt 10000` would let `"amount": "20000"` through.
describe('lt..gte, regex and contains on an argument of the wrong type: denied (fails closed)', () => {
  it.each<[string, Condition, unknown]>([
    ['gt on a numeric string', { path: 'args.amount', op: 'gt', value: 10000 }, { amount: '20000' }],
    ['lt on a string', { path: 'args.amount', op: 'lt', value: 5 }, { amount: 'abc' }],
    ['gte on a boolean', { path: 'args.amount', op: 'gte', value: 0 }, { amount: true }],
    ['lte on null', { path: 'args.amount', op: 'lte', value: 0 }, { amount: null }],
    ['gt on an array', { path: 'args.amount', op: 'gt', value: 0 }, { amount: [20000] }],
    ['regex on a number', { path: 'args.path', op: 'regex', value: '^/etc' }, { path: 5 }],
    ['regex on an array', { path: 'args.path', op: 'regex', value: '\\.\\.' }, { path: ['..', 'etc'] }],
    ['contains on an object', { path: 'args.cmd', op: 'contains', value: 'rm' }, { cmd: { run: 'rm -rf' } }],
    ['contains on a number', { path: 'args.cmd', op: 'contains', value: 5 }, { cmd: 5 }],
  ])('%s', (_name, condition, args) => {
    expect(effects(condition, args)).toEqual(['deny', 'deny']);
    expect(evaluatePolicy(policyOf({ tools: { t: { deny_if: [condition] } } }), call('t', args)).decision.reason).toMatch(/could not be checked: /);
  });

  it('a missing argument is not the wrong type: deny_if does not hold, require fails', () => {
    expect(effects({ path: 'args.amount', op: 'gt', value: 10000 }, {})).toEqual(['allow', 'deny']);
    expect(effects({ path: 'args.path', op: 'regex', value: 'x' }, {})).toEqual(['allow', 'deny']);
  });

  it('a string that does not contain a string value, or a number in range, decide as usual', () => {
    expect(effects({ path: 'args.amount', op: 'gt', value: 10000 }, { amount: 5 })).toEqual(['allow', 'deny']);
    expect(effects({ path: 'args.cmd', op: 'contains', value: 'rm' }, { cmd: 'ls' })).toEqual(['allow', 'deny']);
    expect(effects({ path: 'args.cmd', op: 'contains', value: 5 }, { cmd: 'a5' })).toEqual(['allow', 'deny']);
  });
});

// Ambiguous in the spec; our reading: `exists` asks whether the agent gave the argument, and a null
// is not one. So `require args.reason exists` refuses `"reason": null`.
describe('"exists takes no value": present and not null', () => {
  it.each<[unknown, boolean]>([
    [{ reason: 'refund' }, true],
    [{ reason: '' }, true],
    [{ reason: 0 }, true],
    [{ reason: false }, true],
    [{ reason: null }, false],
    [{}, false],
  ])('%j -> %s', (args, holds) => {
    expect(conditionHolds({ path: 'args.reason', op: 'exists' }, args)).toBe(holds);
    expect(effects({ path: 'args.reason', op: 'exists' }, args)).toEqual(holds ? ['deny', 'allow'] : ['allow', 'deny']);
  });

  it('eq null still sees a null', () => {
    expect(conditionHolds({ path: 'args.reason', op: 'eq', value: null }, { reason: null })).toBe(true);
  });
});

describe('"regex takes a string that must compile": a leading or trailing .* is accepted', () => {
  it.each(['.*\\.env.*', '.*secret', 'token.*', '.*DROP TABLE.*', '.+@.+', '.*?x.*?', '.*a|b.*'])('%s is valid', (source) => {
    expect(valid(withCondition({ op: 'regex', value: source }))).toBe(true);
  });

  it.each<[string, string, boolean]>([
    ['.*\\.env.*', 'config/.env.local', true],
    ['.*\\.env.*', 'readme.md', false],
    ['.+@.+', 'a@b', true],
    ['.+@.+', '@b', false],
    ['.+@.+', 'a@', false],
    ['.*a|b.*', 'xxb', true],
    ['.*a|b.*', 'xxc', false],
    // `.` stops at a line break: stripping must keep that.
    ['.+@.+', 'a\n@\nb', false],
  ])('%s on %j -> %s', (source, text, holds) => {
    expect(conditionHolds({ path: 'args.x', op: 'regex', value: source }, { x: text })).toBe(holds);
  });

  it('a literal dot repeated at an end is not dropped', () => {
    expect(conditionHolds({ path: 'args.x', op: 'regex', value: 'x\\.*' }, { x: 'x' })).toBe(true);
    expect(conditionHolds({ path: 'args.x', op: 'regex', value: 'x\\.+' }, { x: 'xy' })).toBe(false);
  });

  // A pattern that can backtrack for minutes runs on a linear-time engine (policy-regex-linear.test.ts).
  // One that engine cannot run either (a lookaround, a back-reference) compiles, so the document is
  // valid; the validator warns, and evaluation denies the calls it would test (a policy fails closed).
  it.each([
    ['polynomial', 'a.*b.*c(?=d)'],
    ['exponential', '^(a+)+(?!b)$'],
    ['exponential', '(a|a)*\\1'],
    ['too long to check', `${'x'.repeat(501)}(?=y)`],
  ])('%s: %s is valid, with a warning; its calls are denied', (_risk, source) => {
    const result = validatePolicyText(JSON.stringify({ version: '1', default: 'deny', ...withCondition({ op: 'regex', value: source }) }));
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([
      expect.objectContaining({
        severity: 'warning',
        path: ['tools', 't', 'deny_if', 0, 'value'],
        message: expect.stringMatching(/^tools\.t\.deny_if\[0\]\.value: calls this condition tests are denied, since this pattern /),
      }),
    ]);
    expect(evaluatePolicy(result.policy!, call('t', { x: 'abc' })).decision).toMatchObject({
      effect: 'deny',
      reason: expect.stringContaining('could not be checked: the pattern is unsafe'),
    });
    expect(evaluatePolicy(result.policy!, call('t', {})).decision.effect).toBe('allow');
  });

  it('a pattern that does not compile is an error', () => {
    expect(valid(withCondition({ op: 'regex', value: '(' }))).toBe(false);
    expect(valid(withCondition({ op: 'regex', value: '(?i)x' }))).toBe(false);
  });
});

describe('the example document of the spec, and calls against it', () => {
  const text = JSON.stringify({
    version: '1',
    default: 'deny',
    hide: ['delete_account'],
    all_tools: { limits: [{ counter: 'all_calls', window: 'minute', max: 300, scope: 'grant' }] },
    tools: {
      list_clusters: {},
      esm_msk_policy: { limits: [{ counter: 'esm_msk_policy_rate', window: 'minute', max: 60, scope: 'grant' }] },
      create_charge: {
        action: 'require_approval',
        reason: 'Moves money.',
        require: [{ path: 'args.reason', op: 'exists' }],
        deny_if: [{ path: 'args.amount', op: 'gt', value: 10000 }],
        limits: [{ counter: 'charges', window: 'day', max: 20, scope: 'grant' }],
      },
      'delete_*': { action: 'deny', reason: 'Destructive; ask an operator.' },
    },
  });
  const result = validatePolicyText(text);

  it('is valid, with no problem at all', () => {
    expect(result).toEqual({ ok: true, policy: JSON.parse(text), problems: [] });
  });

  it.each<[string, unknown, Partial<Decision>]>([
    ['delete_account', {}, { effect: 'hidden', rule: null }],
    ['delete_repo', {}, { effect: 'deny', rule: 'delete_*', reason: 'Destructive; ask an operator.' }],
    ['list_clusters', {}, { effect: 'allow', rule: 'list_clusters' }],
    ['describe_cluster', {}, { effect: 'deny', rule: null }],
    ['create_charge', { amount: 20000, reason: 'x' }, { effect: 'deny', rule: 'create_charge', reason: 'deny_if args.amount gt 10000 held' }],
    ['create_charge', { amount: 50 }, { effect: 'deny', rule: 'create_charge', reason: 'require args.reason exists failed' }],
    ['create_charge', { amount: 10000, reason: 'x' }, { effect: 'require_approval', rule: 'create_charge', reason: 'Moves money.' }],
  ])('%s %j', (tool, args, expected) => {
    expect(evaluatePolicy(result.policy!, call(tool, args)).decision).toMatchObject(expected);
  });

  it('the 21st approved charge of a UTC day waits for midnight', () => {
    const morning = Date.UTC(2025, 5, 15, 6, 0, 0);
    const calls = Array.from({ length: 21 }, (_, i) => call('create_charge', { amount: 1, reason: 'x' }, morning + i * 61_000));
    expect(runCalls(result.policy!, calls).at(-1)).toMatchObject({
      effect: 'rate_limited',
      rule: 'create_charge',
      counter: 'charges',
      retryAfterSeconds: 18 * 3600 - 20 * 61,
    });
  });
});

describe('"Unknown fields are errors", at every level; "$schema" only at the top', () => {
  const limit = { counter: 'c', window: 'minute', max: 1, scope: 'grant' };
  it.each<[string, Record<string, unknown>]>([
    ['in a limit', { tools: { t: { limits: [{ ...limit, per: 'user' }] } } }],
    ['in an all_tools limit', { all_tools: { limits: [{ ...limit, burst: 2 }] } }],
    ['"$schema" in a rule', { tools: { t: { $schema: 'x' } } }],
    ['"limit" beside valid fields', { tools: { t: { action: 'allow', limit: [limit] } } }],
  ])('%s', (_name, fields) => {
    expect(valid(fields)).toBe(false);
  });

  it('"$schema" at the top is accepted', () => {
    expect(valid({ $schema: 'https://policy-atlas.example/schema/policy-v1.json' })).toBe(true);
  });
});
