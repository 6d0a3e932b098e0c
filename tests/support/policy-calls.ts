import { evaluatePolicy, type CounterState, type Decision, type ToolCall } from '../../src/core/policy/evaluate.ts';
import { PolicySchema, type Limit, type Policy } from '../../src/core/policy/schema.ts';

/** Shared by the policy suites: a fixed time, calls, policies and limits written short. */
export const NOON = Date.UTC(2025, 5, 15, 12, 0, 0);
export const call = (tool: string, args: unknown = {}, time = NOON, scope: ToolCall['scope'] = { grant: 'g1' }): ToolCall => ({ tool, args, time, scope });
export const policyOf = (fields: Partial<Policy>): Policy => PolicySchema.parse({ version: '1', default: 'deny', ...fields });
export const perMinute = (counter: string, max: number, scope: Limit['scope'] = 'grant'): Limit => ({ counter, window: 'minute', max, scope });

/** Runs calls one after another, threading the counters; returns each decision. */
export function runCalls(policy: Policy, calls: readonly ToolCall[], state: CounterState = {}): Decision[] {
  return calls.map((c) => {
    const result = evaluatePolicy(policy, c, state);
    state = result.state;
    return result.decision;
  });
}
