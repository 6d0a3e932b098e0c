import { describe, expect, it } from 'vitest';
import { EXAMPLE_POLICY } from '../../src/core/policy/example.ts';
import type { Policy } from '../../src/core/policy/schema.ts';
import { alignedStart, simulateCalls, summarizeSimulation } from '../../src/core/policy/simulate.ts';

// The policy the validator page opens with, which the simulator runs first.
const policy: Policy = JSON.parse(EXAMPLE_POLICY);
const START = Date.UTC(2025, 0, 1, 12);
const run = (tool: string, calls: number, seconds: number, args: unknown = {}, on: Policy = policy) =>
  simulateCalls(on, { tool, args, calls, seconds, start: START });

describe('alignedStart', () => {
  it('is the start of the UTC hour, so every window starts with the run', () => {
    expect(alignedStart(Date.UTC(2025, 0, 1, 12, 34, 56, 789))).toBe(START);
    expect(alignedStart(START)).toBe(START);
  });
});

describe('simulateCalls', () => {
  it('numbers the calls from 1 and spreads them evenly over the seconds given', () => {
    expect(run('list_tables', 3, 10).map((call) => [call.index, call.offset])).toEqual([
      [1, 0],
      [2, 5000],
      [3, 10000],
    ]);
    expect(run('list_tables', 1, 10).map((call) => call.offset)).toEqual([0]);
  });

  it('carries the counters from call to call: the 301st call in a minute meets the all-tools cap', () => {
    const calls = run('list_tables', 301, 30);
    expect(calls.slice(0, 300).every((call) => call.decision.effect === 'allow')).toBe(true);
    expect(calls[300]).toEqual({
      index: 301,
      offset: 30_000,
      decision: {
        effect: 'rate_limited',
        rule: 'list_tables',
        counter: 'all_calls',
        reason: 'limit "all_calls" reached (300 calls a minute per grant); retry in 30 s',
        retryAfterSeconds: 30,
        resetAt: START + 60_000,
      },
    });
  });

  it('counts calendar windows: 61 calls over 60 s end in the next minute and all pass; over 59 s the last waits', () => {
    expect(summarizeSimulation(run('esm_msk_policy', 61, 60))).toBe('61 allow');
    const squeezed = run('esm_msk_policy', 61, 59);
    expect(summarizeSimulation(squeezed)).toBe('60 allow, 1 rate limited');
    expect(squeezed[60]!.decision).toMatchObject({ counter: 'esm_msk_policy_rate', retryAfterSeconds: 1 });
  });

  it('decides a call by its rule and arguments: hidden, denied by name, by a condition, or sent for approval', () => {
    expect(run('drop_table', 1, 0)[0]!.decision).toEqual({ effect: 'hidden', rule: null, reason: 'hidden by hide entry "drop_table"' });
    expect(run('delete_user', 1, 0)[0]!.decision).toEqual({ effect: 'deny', rule: 'delete_*', reason: 'Destructive; ask an operator.' });
    expect(run('create_refund', 2, 1, { amount: 20000, reason: 'x' }).map((call) => call.decision.reason)).toEqual([
      'deny_if args.amount gt 10000 held',
      'deny_if args.amount gt 10000 held',
    ]);
    expect(run('create_refund', 1, 0, { amount: 5, reason: 'x' })[0]!.decision).toEqual({
      effect: 'require_approval',
      rule: 'create_refund',
      reason: 'Moves money back to a customer.',
    });
    expect(run('unknown_tool', 1, 0)[0]!.decision).toEqual({ effect: 'deny', rule: null, reason: 'no rule for "unknown_tool"; the default is deny' });
  });

  it("counts per scope: limits scoped to a session share one count under the run's scope keys", () => {
    const sessionCapped: Policy = { version: '1', default: 'deny', tools: { a: { limits: [{ counter: 'c', window: 'hour', max: 2, scope: 'session' }] } } };
    const decisions = simulateCalls(sessionCapped, { tool: 'a', args: {}, calls: 3, seconds: 2, start: START, scope: { session: 's1' } });
    expect(decisions.map((call) => call.decision.effect)).toEqual(['allow', 'allow', 'rate_limited']);
  });

  it('leaves the policy as it was', () => {
    const before = JSON.stringify(policy);
    run('list_tables', 400, 10);
    expect(JSON.stringify(policy)).toBe(before);
  });
});

describe('summarizeSimulation', () => {
  it('counts by effect, in the order each first appears, in words', () => {
    expect(summarizeSimulation([...run('create_refund', 2, 0, { amount: 5, reason: 'x' }), ...run('list_tables', 1, 0), ...run('drop_table', 1, 0)])).toBe(
      '2 require approval, 1 allow, 1 hidden',
    );
    expect(summarizeSimulation([])).toBe('');
  });
});
