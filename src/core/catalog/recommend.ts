import type { Classification } from '../classify/classify-tool.ts';
import type { Parameter } from '../input-schema/parameters.ts';
import { isPattern } from '../policy/glob.ts';
import type { Condition, Limit, Policy, Rule } from '../policy/schema.ts';

/**
 * The recommended rule's caps by level (risk model, "Recommended policy"), per grant; the pages and
 * the methodology render these numbers.
 */
export const RECOMMENDED_LIMITS = {
  low: { perMinute: 60 },
  medium: { perMinute: 20, perDay: 500 },
  high: { perHour: 30 },
} as const;

/** The cap on all of a server's tools together, in its server policy: calls a minute per grant. */
export const SERVER_CALLS_PER_MINUTE = 300;

/** A recommended rule denies an `amount` argument above this. */
export const AMOUNT_CEILING = 10000;

const perMinute = (counter: string, max: number): Limit => ({ counter, window: 'minute', max, scope: 'grant' });
const perWindow = (counter: string, window: Limit['window'], max: number): Limit => ({ counter, window, max, scope: 'grant' });

/** Conditions that fit the tool's own parameters: the part of a rule that differs from tool to tool. */
function guardConditions(parameters: readonly Parameter[]): Condition[] {
  const conditions: Condition[] = [];
  const top = new Map(parameters.filter((p) => !p.path.includes('.')).map((p) => [p.path.toLowerCase(), p]));
  const at = (name: string) => top.get(name)?.path;
  for (const name of ['path', 'file_path', 'filepath', 'source', 'destination', 'directory']) {
    const path = at(name);
    if (path && top.get(name)!.type.includes('string')) {
      conditions.push({ path: `args.${path}`, op: 'regex', value: '(^|/)\\.\\.(/|$)|^~|/\\.ssh/|\\.env$' });
    }
  }
  for (const name of ['amount', 'unit_amount']) {
    const path = at(name);
    if (path && /number|integer/.test(top.get(name)!.type)) conditions.push({ path: `args.${path}`, op: 'gt', value: AMOUNT_CEILING });
  }
  for (const name of ['force', 'recursive', 'all']) {
    const path = at(name);
    if (path && top.get(name)!.type.includes('boolean')) conditions.push({ path: `args.${path}`, op: 'eq', value: true });
  }
  return conditions;
}

/** The recommended rule for one tool, following its level (risk model, "Recommended policy"). */
export function recommendRule(toolName: string, classification: Classification, parameters: readonly Parameter[], override?: Rule): Rule {
  if (override) return override;
  const denyIf = guardConditions(parameters);
  const withGuards = (rule: Rule): Rule => (denyIf.length > 0 ? { ...rule, deny_if: denyIf } : rule);
  switch (classification.level) {
    case 'low':
      return { limits: [perMinute(`${toolName}_rate`, RECOMMENDED_LIMITS.low.perMinute)] };
    case 'medium':
      return withGuards({
        limits: [perMinute(`${toolName}_rate`, RECOMMENDED_LIMITS.medium.perMinute), perWindow(`${toolName}_daily`, 'day', RECOMMENDED_LIMITS.medium.perDay)],
      });
    case 'high':
      return withGuards({
        action: 'require_approval',
        reason: `${toolName} is rated high risk (${classification.category}); a person approves each call.`,
        limits: [perWindow(`${toolName}_hourly`, 'hour', RECOMMENDED_LIMITS.high.perHour)],
      });
    case 'critical':
      return {
        action: 'deny',
        reason: `${toolName} is rated critical (${classification.category}). To allow it, set "action" to "require_approval" and add a limit.`,
      };
  }
}

/** A complete policy-v1 document that works on its own: default deny, the given rules. */
export function policyDocument(rules: Record<string, Rule>, allToolsLimit?: number): Policy {
  return {
    version: '1',
    default: 'deny',
    ...(allToolsLimit ? { all_tools: { limits: [perMinute('all_calls', allToolsLimit)] } } : {}),
    tools: rules,
  };
}

/**
 * One tool's own policy: its rule under its name. A name with `*` is left out, as the server policy
 * leaves it out: policy-v1 has no escape for `*`, so as a key it would be a pattern over other tools'
 * names (`*` alone would allow every tool the user's policy does not name), and the default denies it.
 */
export function toolPolicy(toolName: string, rule: Rule): Policy {
  return policyDocument(isPattern(toolName) ? {} : { [toolName]: rule });
}

/** Why a tool's own policy names no rule, or undefined when it names its tool. */
export const unnamableToolReason = (toolName: string): string | undefined =>
  isPattern(toolName)
    ? "Its name holds a *, which policy-v1 (and every client format) reads as a wildcard over other tools' names, with no way to escape it: a rule under this name would decide for every tool it matches. So the policy names no rule and its default denies the tool; to use it, call it through a gateway or client that matches names literally."
    : undefined;
