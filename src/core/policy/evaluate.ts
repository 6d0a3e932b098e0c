import { conditionHolds, describeCondition } from './conditions.ts';
import { countCall, exhaustedLimit, type CounterState, type ScopeKeys } from './counters.ts';
import { describeLimit } from './describe.ts';
import { globMatch, isPattern, literalPrefix } from './glob.ts';
import type { Policy, Rule } from './schema.ts';

export type { CounterState } from './counters.ts';

export interface ToolCall {
  tool: string;
  /** The call's JSON arguments; conditions read them as `args.<dotted path>`. */
  args: unknown;
  scope?: ScopeKeys;
  /** Epoch milliseconds. */
  time: number;
}

export type Effect = 'allow' | 'deny' | 'hidden' | 'require_approval' | 'rate_limited';

export interface Decision {
  effect: Effect;
  /** The `tools` key that matched (a name or a pattern), or null when `default` or `hide` decided. */
  rule: string | null;
  reason: string;
  /** For `rate_limited`: the counter that ran out, the seconds until its window resets, and that moment (epoch ms). */
  counter?: string;
  retryAfterSeconds?: number;
  resetAt?: number;
}

export interface Evaluation {
  decision: Decision;
  /** The counters after this call: the same object when nothing was counted, else a new one. */
  state: CounterState;
}

/** The `tools` entry for a tool: its exact name, else the matching pattern with the longest literal prefix (the first such on a tie, which lint reports). */
export function findRule(policy: Policy, tool: string): { key: string; rule: Rule } | undefined {
  const tools = policy.tools ?? {};
  if (Object.hasOwn(tools, tool)) return { key: tool, rule: tools[tool]! };
  let best: string | undefined;
  for (const key of Object.keys(tools)) {
    if (isPattern(key) && globMatch(key, tool) && (best === undefined || literalPrefix(key).length > literalPrefix(best).length)) best = key;
  }
  return best === undefined ? undefined : { key: best, rule: tools[best]! };
}

/** What steps 1 to 4 of the spec's order settled: a decision, or the rule whose limits decide (steps 5 and 6). */
export type RuleOutcome = { decision: Decision } | { rule: Rule; ruleName: string | null };

/**
 * Steps 1 to 4 of the spec's order (policy-v1.md, "Evaluation of one call"): hide, the rule, its
 * action, its conditions. They depend on the tool and its arguments only, not on counters or time.
 * A condition that cannot be checked denies: a policy fails closed.
 */
export function applyRule(policy: Policy, tool: string, args: unknown): RuleOutcome {
  const hiddenBy = policy.hide?.find((entry) => globMatch(entry, tool));
  if (hiddenBy !== undefined) return { decision: { effect: 'hidden', rule: null, reason: `hidden by hide entry "${hiddenBy}"` } };

  const found = findRule(policy, tool);
  if (!found && policy.default === 'deny') {
    return { decision: { effect: 'deny', rule: null, reason: `no rule for "${tool}"; the default is deny` } };
  }
  const rule: Rule = found?.rule ?? {};
  const ruleName = found?.key ?? null;
  const deny = (reason: string): RuleOutcome => ({ decision: { effect: 'deny', rule: ruleName, reason } });

  if (rule.action === 'deny') return deny(rule.reason ?? `the rule "${ruleName}" denies every call`);
  for (const condition of rule.deny_if ?? []) {
    const held = conditionHolds(condition, args);
    if (held === true) return deny(`deny_if ${describeCondition(condition)} held`);
    if (held !== false) return deny(`deny_if ${describeCondition(condition)} could not be checked: ${held.unchecked}`);
  }
  for (const condition of rule.require ?? []) {
    const held = conditionHolds(condition, args);
    if (held === false) return deny(`require ${describeCondition(condition)} failed`);
    if (held !== true) return deny(`require ${describeCondition(condition)} could not be checked: ${held.unchecked}`);
  }
  return { rule, ruleName };
}

/** Steps 5 and 6, for a call whose rule let it through: the limits, then approval. */
export function applyLimits(policy: Policy, { rule, ruleName }: { rule: Rule; ruleName: string | null }, call: ToolCall, state: CounterState): Evaluation {
  const limits = [...(policy.all_tools?.limits ?? []), ...(rule.limits ?? [])];
  const exhausted = exhaustedLimit(limits, call.scope, call.time, state);
  if (exhausted) {
    const retryAfterSeconds = Math.ceil((exhausted.resetAt - call.time) / 1000);
    const decision: Decision = {
      effect: 'rate_limited',
      rule: ruleName,
      reason: `limit "${exhausted.limit.counter}" reached (${describeLimit(exhausted.limit)}); retry in ${retryAfterSeconds} s`,
      counter: exhausted.limit.counter,
      retryAfterSeconds,
      resetAt: exhausted.resetAt,
    };
    return { decision, state };
  }
  const counted = countCall(limits, call.scope, call.time, state);

  if (rule.action === 'require_approval') {
    return { decision: { effect: 'require_approval', rule: ruleName, reason: rule.reason ?? `the rule "${ruleName}" requires approval` }, state: counted };
  }
  const reason = ruleName === null ? `no rule for "${call.tool}"; the default is allow` : `allowed by the rule "${ruleName}"`;
  return { decision: { effect: 'allow', rule: ruleName, reason }, state: counted };
}

/**
 * Decides one call by the spec's order (policy-v1.md, "Evaluation of one call"); the first step that
 * decides wins, so nothing after a deny can turn it into an allow. Pure: `state` is not mutated.
 */
export function evaluatePolicy(policy: Policy, call: ToolCall, state: CounterState = {}): Evaluation {
  const outcome = applyRule(policy, call.tool, call.args);
  return 'decision' in outcome ? { decision: outcome.decision, state } : applyLimits(policy, outcome, call, state);
}
