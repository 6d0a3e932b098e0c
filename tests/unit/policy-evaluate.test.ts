import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { call, NOON, perMinute, policyOf, runCalls } from '../support/policy-calls.ts';
import { conditionHolds } from '../../src/core/policy/conditions.ts';
import { evaluatePolicy, type CounterState, type Decision, type ToolCall } from '../../src/core/policy/evaluate.ts';
import { LIMIT_SCOPES, LIMIT_WINDOWS, type Condition, type Limit, type Policy, type Rule } from '../../src/core/policy/schema.ts';

const decide = (policy: Policy, c: ToolCall, state: CounterState = {}) => evaluatePolicy(policy, c, state).decision;

describe('evaluation order (spec: first match decides)', () => {
  const policy = policyOf({
    default: 'deny',
    hide: ['secret_*'],
    all_tools: { limits: [perMinute('all', 100)] },
    tools: {
      list_clusters: {},
      create_charge: {
        action: 'require_approval',
        reason: 'Moves money.',
        require: [{ path: 'args.reason', op: 'exists' }],
        deny_if: [{ path: 'args.amount', op: 'gt', value: 10000 }],
        limits: [{ counter: 'charges', window: 'day', max: 20, scope: 'grant' }],
      },
      'delete_*': { action: 'deny', reason: 'Destructive; ask an operator.', deny_if: [{ path: 'args.x', op: 'exists' }] },
      secret_ok: { action: 'allow' },
    },
  });

  it.each<[string, ToolCall, Partial<Decision>]>([
    ['hide beats a rule that allows', call('secret_ok'), { effect: 'hidden', rule: null, reason: 'hidden by hide entry "secret_*"' }],
    ['no rule: default deny', call('unknown_tool'), { effect: 'deny', rule: null, reason: 'no rule for "unknown_tool"; the default is deny' }],
    ['an empty rule allows', call('list_clusters'), { effect: 'allow', rule: 'list_clusters', reason: 'allowed by the rule "list_clusters"' }],
    [
      'action deny comes before deny_if, with its reason',
      call('delete_user', { x: 1 }),
      { effect: 'deny', rule: 'delete_*', reason: 'Destructive; ask an operator.' },
    ],
    [
      'deny_if before require',
      call('create_charge', { amount: 20000 }),
      { effect: 'deny', rule: 'create_charge', reason: 'deny_if args.amount gt 10000 held' },
    ],
    [
      'require names the failed condition',
      call('create_charge', { amount: 5 }),
      { effect: 'deny', rule: 'create_charge', reason: 'require args.reason exists failed' },
    ],
    [
      'then require_approval, with its reason',
      call('create_charge', { amount: 5, reason: 'refund' }),
      { effect: 'require_approval', rule: 'create_charge', reason: 'Moves money.' },
    ],
  ])('%s', (_name, c, expected) => {
    expect(decide(policy, c)).toMatchObject(expected);
  });

  it('default allow allows a tool no rule names, and all_tools limits still count it', () => {
    const open = policyOf({ default: 'allow', all_tools: { limits: [perMinute('all', 1)] } });
    const [first, second] = runCalls(open, [call('anything'), call('anything_else')]);
    expect(first).toEqual({ effect: 'allow', rule: null, reason: 'no rule for "anything"; the default is allow' });
    expect(second).toMatchObject({ effect: 'rate_limited', rule: null, counter: 'all' });
  });

  it('a rule without a reason gets one that names it', () => {
    const p = policyOf({ tools: { a: { action: 'deny' }, b: { action: 'require_approval' } } });
    expect(decide(p, call('a')).reason).toBe('the rule "a" denies every call');
    expect(decide(p, call('b')).reason).toBe('the rule "b" requires approval');
  });
});

describe('rule lookup: exact name, then the pattern with the longest literal prefix', () => {
  const policy = policyOf({
    tools: {
      '*': { action: 'require_approval' },
      'get_*': { action: 'allow' },
      'get_secret_*': { action: 'deny' },
      get_secret_public: { action: 'allow' },
      '*_admin': { action: 'deny' },
      'a*b*c': {},
    },
  });
  it.each<[string, string]>([
    ['get_secret_public', 'get_secret_public'],
    ['get_secret_key', 'get_secret_*'],
    ['get_user', 'get_*'],
    ['get_', 'get_*'],
    ['get_admin', 'get_*'],
    ['set_admin', '*'],
    ['abc', 'a*b*c'],
    ['aXbYc', 'a*b*c'],
    ['list', '*'],
  ])('%s -> %s', (tool, rule) => {
    expect(decide(policy, call(tool)).rule).toBe(rule);
  });

  it('a pattern matches nothing outside its literals', () => {
    expect(decide(policyOf({ tools: { 'get_*': {} } }), call('forget_x'))).toMatchObject({ effect: 'deny', rule: null });
  });

  it('names that look like Object.prototype keys are ordinary unknown names', () => {
    expect(decide(policyOf({ default: 'deny' }), call('constructor'))).toMatchObject({ effect: 'deny', rule: null });
  });
});

describe('hide', () => {
  it.each<[string, string[], string, boolean]>([
    ['an exact name', ['delete_account'], 'delete_account', true],
    ['an exact name leaves others', ['delete_account'], 'delete_accounts', false],
    ['a pattern', ['delete_*'], 'delete_repo', true],
    ['"*" hides everything', ['*'], 'list_clusters', true],
    ['a suffix pattern', ['*_admin'], 'user_admin', true],
  ])('%s', (_name, hide, tool, hidden) => {
    const policy = policyOf({ default: 'allow', hide, tools: { [tool]: {} } });
    expect(decide(policy, call(tool)).effect === 'hidden').toBe(hidden);
  });
});

describe('condition ops', () => {
  const args = { s: 'hello world', n: 5, b: true, z: null, list: ['a', 1, { k: 'v' }], obj: { deep: { x: 'y' } } };
  it.each<[Condition, boolean]>([
    [{ path: 'args.s', op: 'exists' }, true],
    [{ path: 'args.z', op: 'exists' }, false],
    [{ path: 'args.missing', op: 'exists' }, false],
    [{ path: 'args.obj.deep.x', op: 'exists' }, true],
    [{ path: 'args.s.length', op: 'exists' }, false],
    [{ path: 'args.list.length', op: 'exists' }, false],
    [{ path: 'args.constructor', op: 'exists' }, false],
    [{ path: 'args.list.0', op: 'eq', value: 'a' }, true],
    [{ path: 'args', op: 'exists' }, true],
    [{ path: 'args.s', op: 'eq', value: 'hello world' }, true],
    [{ path: 'args.n', op: 'eq', value: '5' }, false],
    [{ path: 'args.obj', op: 'eq', value: { deep: { x: 'y' } } }, true],
    [{ path: 'args.obj', op: 'eq', value: { deep: { x: 'z' } } }, false],
    [{ path: 'args.list', op: 'eq', value: ['a', 1, { k: 'v' }] }, true],
    [{ path: 'args.z', op: 'eq', value: null }, true],
    [{ path: 'args.s', op: 'neq', value: 'bye' }, true],
    [{ path: 'args.s', op: 'neq', value: 'hello world' }, false],
    [{ path: 'args.missing', op: 'neq', value: 'x' }, false],
    [{ path: 'args.n', op: 'in', value: [1, 5] }, true],
    [{ path: 'args.n', op: 'in', value: ['5'] }, false],
    [{ path: 'args.missing', op: 'in', value: [null] }, false],
    [{ path: 'args.n', op: 'not_in', value: [1, 2] }, true],
    [{ path: 'args.n', op: 'not_in', value: [5] }, false],
    [{ path: 'args.n', op: 'not_in', value: [5, 6] }, false],
    [{ path: 'args.n', op: 'in', value: [6, 7] }, false],
    [{ path: 'args.obj', op: 'not_in', value: ['a'] }, true],
    [{ path: 'args.missing', op: 'not_in', value: [1] }, false],
    [{ path: 'args.n', op: 'lt', value: 6 }, true],
    [{ path: 'args.n', op: 'lt', value: 5 }, false],
    [{ path: 'args.n', op: 'lte', value: 5 }, true],
    [{ path: 'args.n', op: 'gt', value: 4.5 }, true],
    [{ path: 'args.n', op: 'gt', value: 5 }, false],
    [{ path: 'args.n', op: 'gte', value: 5 }, true],
    [{ path: 'args.missing', op: 'lt', value: 100 }, false],
    [{ path: 'args.s', op: 'contains', value: 'lo wo' }, true],
    [{ path: 'args.s', op: 'contains', value: 'bye' }, false],
    [{ path: 'args.list', op: 'contains', value: 'a' }, true],
    [{ path: 'args.list', op: 'contains', value: 1 }, true],
    [{ path: 'args.list', op: 'contains', value: 'b' }, false],
    [{ path: 'args.s', op: 'regex', value: '^hello' }, true],
    [{ path: 'args.s', op: 'regex', value: '^world' }, false],
    [{ path: 'args.missing', op: 'regex', value: '.*' }, false],
    // An argument of the wrong type (gt on a string) is neither: see policy-spec.test.ts.
  ])('%j -> %s', (condition, holds) => {
    expect(conditionHolds(condition, args)).toBe(holds);
    // The same through evaluation: as deny_if it denies exactly when it holds; as require it denies when it does not.
    const viaDenyIf = decide(policyOf({ tools: { t: { deny_if: [condition] } } }), call('t', args));
    const viaRequire = decide(policyOf({ tools: { t: { require: [condition] } } }), call('t', args));
    expect(viaDenyIf.effect).toBe(holds ? 'deny' : 'allow');
    expect(viaRequire.effect).toBe(holds ? 'allow' : 'deny');
  });

  it('args that are not an object make every path but "args" missing', () => {
    expect(conditionHolds({ path: 'args.x', op: 'exists' }, 'text')).toBe(false);
    expect(conditionHolds({ path: 'args', op: 'eq', value: 'text' }, 'text')).toBe(true);
    expect(conditionHolds({ path: 'args', op: 'exists' }, undefined)).toBe(false);
  });
});

// The reason words a limit as the pages do ("2 calls a minute per grant").
const WINDOW_WORDS: Record<Limit['window'], string> = { second: 'a second', minute: 'a minute', hour: 'an hour', day: 'a day' };

describe('rate limits: fixed windows aligned to UTC', () => {
  it.each<[Limit['window'], number, number, number]>([
    // window, time of the calls, expected retryAfterSeconds, expected reset
    ['second', Date.UTC(2025, 0, 1, 23, 59, 59, 250), 1, Date.UTC(2025, 0, 2)],
    ['minute', Date.UTC(2025, 0, 1, 12, 30, 45, 500), 15, Date.UTC(2025, 0, 1, 12, 31)],
    ['hour', Date.UTC(2025, 0, 1, 12, 30, 0), 1800, Date.UTC(2025, 0, 1, 13)],
    ['day', Date.UTC(2025, 0, 1, 18, 0, 0), 6 * 3600, Date.UTC(2025, 0, 2)],
  ])('%s: the call past max waits for the calendar %s to end', (window, time, retryAfterSeconds, resetAt) => {
    const policy = policyOf({ tools: { t: { limits: [{ counter: 'c', window, max: 2, scope: 'grant' }] } } });
    const decisions = runCalls(policy, [call('t', {}, time), call('t', {}, time), call('t', {}, time), call('t', {}, resetAt)]);
    expect(decisions.map((d) => d.effect)).toEqual(['allow', 'allow', 'rate_limited', 'allow']);
    expect(decisions[2]).toEqual({
      effect: 'rate_limited',
      rule: 't',
      counter: 'c',
      retryAfterSeconds,
      resetAt,
      reason: `limit "c" reached (2 calls ${WINDOW_WORDS[window]} per grant); retry in ${retryAfterSeconds} s`,
    });
  });

  it('the reason says one call, and a global limit "in total", as the pages do', () => {
    const time = Date.UTC(2025, 0, 1, 12, 0, 0);
    const policy = policyOf({ tools: { t: { limits: [{ counter: 'g', window: 'hour', max: 1, scope: 'global' }] } } });
    const decisions = runCalls(policy, [call('t', {}, time), call('t', {}, time)]);
    expect(decisions[1]).toMatchObject({ effect: 'rate_limited', reason: 'limit "g" reached (1 call an hour in total); retry in 3600 s' });
  });

  it('a window is the calendar minute, not the last 60 seconds', () => {
    const policy = policyOf({ tools: { t: { limits: [perMinute('c', 1)] } } });
    const late = Date.UTC(2025, 0, 1, 12, 0, 59, 900);
    expect(runCalls(policy, [call('t', {}, late), call('t', {}, late + 100)]).map((d) => d.effect)).toEqual(['allow', 'allow']);
  });

  it('limits with the same counter name and scope share one count, across tools and across windows', () => {
    const policy = policyOf({
      tools: {
        a: { limits: [perMinute('shared', 2)] },
        b: { limits: [perMinute('shared', 2)] },
        c: { limits: [{ counter: 'shared', window: 'day', max: 3, scope: 'grant' }] },
      },
    });
    expect(runCalls(policy, [call('a'), call('b'), call('a')]).map((d) => d.effect)).toEqual(['allow', 'allow', 'rate_limited']);
    // a and b took 2 of the day's 3: one more call of c fits today, the next does not.
    expect(runCalls(policy, [call('a'), call('b'), call('c', {}, NOON + 120_000), call('c', {}, NOON + 180_000)]).map((d) => d.effect)).toEqual([
      'allow',
      'allow',
      'allow',
      'rate_limited',
    ]);
  });

  it('a call counts once against a counter that two of its limits share', () => {
    const policy = policyOf({ all_tools: { limits: [perMinute('c', 2)] }, tools: { t: { limits: [perMinute('c', 2)] } } });
    expect(runCalls(policy, [call('t'), call('t'), call('t')]).map((d) => d.effect)).toEqual(['allow', 'allow', 'rate_limited']);
  });

  it.each<[string, Limit['scope'], ToolCall['scope'], ToolCall['scope'], boolean]>([
    ['different grants count apart', 'grant', { grant: 'g1' }, { grant: 'g2' }, false],
    ['one grant counts together', 'grant', { grant: 'g1', session: 's1' }, { grant: 'g1', session: 's2' }, true],
    ['different sessions count apart', 'session', { session: 's1' }, { session: 's2' }, false],
    ['different agents count apart', 'agent', { agent: 'x' }, { agent: 'y' }, false],
    ['global counts everyone together', 'global', { grant: 'g1' }, { grant: 'g2' }, true],
    ['calls without the scope key count together', 'session', {}, undefined, true],
  ])('%s', (_name, scope, first, second, shared) => {
    const policy = policyOf({ tools: { t: { limits: [perMinute('c', 1, scope)] } } });
    const decisions = runCalls(policy, [call('t', {}, NOON, first), call('t', {}, NOON, second)]);
    expect(decisions[1]!.effect).toBe(shared ? 'rate_limited' : 'allow');
  });

  it.each<[string, Rule, unknown]>([
    ['action deny', { action: 'deny', limits: [perMinute('c', 1)] }, {}],
    ['deny_if', { deny_if: [{ path: 'args.bad', op: 'exists' }], limits: [perMinute('c', 1)] }, { bad: 1 }],
    ['require', { require: [{ path: 'args.reason', op: 'exists' }], limits: [perMinute('c', 1)] }, {}],
  ])('a call refused by %s takes no count (all_tools included)', (_name, rule, args) => {
    const policy = policyOf({ all_tools: { limits: [perMinute('all', 1)] }, tools: { refused: rule, ok: {} } });
    const { decision, state } = evaluatePolicy(policy, call('refused', args), {});
    expect(decision.effect).toBe('deny');
    expect(state).toEqual({});
    expect(decide(policy, call('ok'), state).effect).toBe('allow');
  });

  it('a rate-limited call takes no count from the limits it did not exhaust', () => {
    const policy = policyOf({ all_tools: { limits: [perMinute('all', 3)] }, tools: { t: { limits: [perMinute('t', 1)] }, u: {} } });
    const decisions = runCalls(policy, [call('t'), call('t'), call('t'), call('u'), call('u'), call('u')]);
    expect(decisions.map((d) => d.effect)).toEqual(['allow', 'rate_limited', 'rate_limited', 'allow', 'allow', 'rate_limited']);
  });

  it('require_approval calls count: the count is taken before the approval step', () => {
    const policy = policyOf({ tools: { t: { action: 'require_approval', limits: [perMinute('c', 1)] } } });
    expect(runCalls(policy, [call('t'), call('t')]).map((d) => d.effect)).toEqual(['require_approval', 'rate_limited']);
  });

  it('never mutates the state it is given, and returns it as is when nothing is counted', () => {
    const policy = policyOf({ tools: { t: { limits: [perMinute('c', 5)] } } });
    const before = evaluatePolicy(policy, call('t'), {}).state;
    const snapshot = JSON.stringify(before);
    const after = evaluatePolicy(policy, call('t'), Object.freeze(before)).state;
    expect(JSON.stringify(before)).toBe(snapshot);
    expect(after).not.toBe(before);
    expect(evaluatePolicy(policy, call('other'), before).state).toBe(before);
  });
});

describe('properties', () => {
  const name = fc.constantFrom('t', 'u', 'delete_x', 'get_a', 'x');
  const path = fc.constantFrom('args', 'args.a', 'args.b', 'args.a.b');
  const scalar = fc.oneof(fc.string({ maxLength: 3 }), fc.integer({ min: -5, max: 5 }), fc.boolean(), fc.constant(null));
  const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
    path.map((p): Condition => ({ path: p, op: 'exists' })),
    fc.record({ path, op: fc.constantFrom('eq' as const, 'neq' as const), value: scalar }),
    fc.record({ path, op: fc.constantFrom('in' as const, 'not_in' as const), value: fc.array(scalar, { maxLength: 3 }) }),
    fc.record({ path, op: fc.constantFrom('lt' as const, 'lte' as const, 'gt' as const, 'gte' as const), value: fc.integer({ min: -5, max: 5 }) }),
    fc.record({ path, op: fc.constant('contains' as const), value: scalar }),
    fc.record({ path, op: fc.constant('regex' as const), value: fc.constantFrom('a', '^$', '.', '[0-9]') }),
  );
  const limitArb: fc.Arbitrary<Limit> = fc.record({
    counter: fc.constantFrom('c1', 'c2'),
    window: fc.constantFrom(...LIMIT_WINDOWS),
    max: fc.integer({ min: 1, max: 4 }),
    scope: fc.constantFrom(...LIMIT_SCOPES),
  });
  const ruleArb: fc.Arbitrary<Rule> = fc.record(
    {
      action: fc.constantFrom('allow' as const, 'deny' as const, 'require_approval' as const),
      require: fc.array(conditionArb, { maxLength: 2 }),
      deny_if: fc.array(conditionArb, { maxLength: 2 }),
      limits: fc.array(limitArb, { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );
  const policyArb: fc.Arbitrary<Policy> = fc.record({
    version: fc.constant('1' as const),
    default: fc.constantFrom('allow' as const, 'deny' as const),
    all_tools: fc.record({ limits: fc.array(limitArb, { maxLength: 2 }) }),
    tools: fc.dictionary(fc.constantFrom('t', 'u', 'delete_*', 'get_*', '*'), ruleArb, { maxKeys: 4 }),
  });
  const argsArb = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.record({ a: fc.jsonValue({ maxDepth: 2 }), b: scalar }, { requiredKeys: [] }));
  const timeArb = fc.integer({ min: NOON - 3 * 86_400_000, max: NOON + 3 * 86_400_000 });
  const scopeArb = fc.record({ grant: fc.constantFrom('g1', 'g2'), session: fc.constantFrom('s1', 's2'), agent: fc.constantFrom('a1') }, { requiredKeys: [] });
  const callArb = fc.record({ tool: name, args: argsArb, time: timeArb, scope: scopeArb });
  /** A state that evaluation could have produced: the counters after some earlier calls. */
  const stateArb = (policy: Policy) =>
    fc.array(callArb, { maxLength: 8 }).map((calls) => {
      let state: CounterState = {};
      for (const c of calls.sort((a, b) => a.time - b.time)) state = evaluatePolicy(policy, c, state).state;
      return state;
    });
  const withState = policyArb.chain((policy) => fc.tuple(fc.constant(policy), stateArb(policy)));

  it('a rule with action deny never yields allow or require_approval', () => {
    fc.assert(
      fc.property(withState, ruleArb, callArb, ([policy, state], rule, c) => {
        const denying = { ...policy, tools: { ...policy.tools, [c.tool]: { ...rule, action: 'deny' as const } } };
        expect(evaluatePolicy(denying, c, state).decision.effect).toMatch(/^(deny|hidden)$/);
      }),
      { numRuns: 500 },
    );
  });

  it('a deny_if that holds never yields allow or require_approval, whatever else the rule says', () => {
    fc.assert(
      // A null is no argument for exists: the marker is any other JSON value.
      fc.property(
        withState,
        ruleArb,
        callArb,
        fc.jsonValue().filter((v) => v !== null),
        ([policy, state], rule, c, marker) => {
          const args = { ...(typeof c.args === 'object' && c.args !== null && !Array.isArray(c.args) ? c.args : {}), deny_marker: marker };
          const holding: Condition = { path: 'args.deny_marker', op: 'exists' };
          const denyIf = [...(rule.deny_if ?? []), holding];
          const guarded = { ...policy, tools: { ...policy.tools, [c.tool]: { ...rule, deny_if: denyIf } } };
          expect(evaluatePolicy(guarded, { ...c, args }, state).decision.effect).toMatch(/^(deny|hidden)$/);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('limits never let more than max calls through in one window', () => {
    fc.assert(
      fc.property(
        limitArb,
        fc.array(fc.integer({ min: 0, max: 5 * 60_000 }), { maxLength: 40 }),
        fc.array(scopeArb, { minLength: 1, maxLength: 3 }),
        (limit, offsets, scopes) => {
          const policy = policyOf({ tools: { t: { limits: [limit] }, u: { limits: [limit] } } });
          const times = offsets.map((o) => NOON - 150_000 + o).sort((a, b) => a - b);
          const calls = times.map((time, i) => call(i % 2 ? 't' : 'u', {}, time, scopes[i % scopes.length]));
          const passed = new Map<string, number>();
          runCalls(policy, calls).forEach((decision, i) => {
            if (decision.effect !== 'allow') return;
            const ms = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 }[limit.window];
            const scopeKey = limit.scope === 'global' ? '' : (calls[i]!.scope?.[limit.scope] ?? '');
            const key = `${scopeKey}/${Math.floor(calls[i]!.time / ms)}`;
            passed.set(key, (passed.get(key) ?? 0) + 1);
          });
          for (const count of passed.values()) expect(count).toBeLessThanOrEqual(limit.max);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is deterministic and leaves its inputs alone', () => {
    fc.assert(
      fc.property(withState, callArb, ([policy, state], c) => {
        const before = JSON.stringify([policy, state, c]);
        const first = evaluatePolicy(policy, c, state);
        const second = evaluatePolicy(structuredClone(policy), structuredClone(c), structuredClone(state));
        expect(second).toEqual(first);
        expect(JSON.stringify([policy, state, c])).toBe(before);
      }),
      { numRuns: 300 },
    );
  });
});
