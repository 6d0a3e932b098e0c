import { describeLimit } from '../policy/describe.ts';
import type { Policy } from '../policy/schema.ts';

/** "x", "x and y", or "5 tools": short enough for a server with hundreds of tools. */
export function nameTools(names: readonly string[]): string {
  if (names.length > 3) return `${names.length} tools`;
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

/** Sentences, shared by the dialects, for the rate limits and argument checks neither format carries. */
export const limitsAndConditionsLost = (policy: Policy): string[] => [...limitsLost(policy), ...conditionsLost(policy)];

/** The sentences for the rate limits, which no client format carries. */
export function limitsLost(policy: Policy): string[] {
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
  return lost;
}

/** The sentence for argument checks a format drops altogether. */
export function conditionsLost(policy: Policy): string[] {
  const lost: string[] = [];
  const live = Object.entries(policy.tools ?? {}).filter(([, rule]) => rule.action !== 'deny');
  const checked = live.filter(([, rule]) => (rule.deny_if?.length ?? 0) + (rule.require?.length ?? 0) > 0);
  if (checked.length > 0) {
    lost.push(
      `The argument checks (deny_if, require) of ${nameTools(checked.map(([name]) => name))} are left out: every call is treated alike whatever its arguments.`,
    );
  }
  return lost;
}

/** The sentence for names a client cannot tell apart, which therefore share the stricter decision. */
export function foldedLost(client: string, how: string, merged: string[][]): string[] {
  if (merged.length === 0) return [];
  const pairs = merged
    .slice(0, 3)
    .map((group) => group.map((name) => JSON.stringify(name)).join(' and '))
    .join('; ');
  return [
    `${client} ${how}, so it cannot tell ${pairs}${merged.length > 3 ? ` (and ${merged.length - 3} more groups)` : ''} apart: each group gets one decision, the strictest of its names.`,
  ];
}

/**
 * The sentence every format that decides by name alone needs: a tool the policy does not name, but
 * whose name the client writes like a named one, shares that one's decision.
 */
export const foldedSiblingsLost = (client: string, how: string): string =>
  `${client} ${how}: a tool this policy does not name, whose name differs from a named one only there, gets that one's decision.`;
