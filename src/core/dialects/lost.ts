import { describeLimit } from '../policy/describe.ts';
import type { Policy } from '../policy/schema.ts';

/** "x", "x and y", or "5 tools": short enough for a server with hundreds of tools. */
export function nameTools(names: readonly string[]): string {
  if (names.length > 3) return `${names.length} tools`;
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Sentences, shared by the dialects, for the rate limits and argument checks neither format carries. */
export function limitsAndConditionsLost(policy: Policy): string[] {
  const lost: string[] = [];
  const globalLimits = policy.all_tools?.limits ?? [];
  if (globalLimits.length > 0) {
    lost.push(`The cap on all calls together (${globalLimits.map(describeLimit).join(' and ')}) is left out: the format has no rate limits.`);
  }
  const live = Object.entries(policy.tools ?? {}).filter(([, rule]) => rule.action !== 'deny');
  const limited = live.filter(([, rule]) => rule.limits?.length);
  if (limited.length === 1) {
    const [name, rule] = limited[0]!;
    lost.push(`The limit on ${name} (${rule.limits!.map(describeLimit).join(' and ')}) is left out: the format has no rate limits.`);
  } else if (limited.length > 1) {
    lost.push(`The rate limits of ${nameTools(limited.map(([name]) => name))} are left out: the format has none.`);
  }
  const checked = live.filter(([, rule]) => (rule.deny_if?.length ?? 0) + (rule.require?.length ?? 0) > 0);
  if (checked.length > 0) {
    lost.push(`The argument checks (deny_if, require) of ${nameTools(checked.map(([name]) => name))} are left out: every call is treated alike whatever its arguments.`);
  }
  return lost;
}
