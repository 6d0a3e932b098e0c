import { globMatch, isPattern } from '../policy/glob.ts';
import type { Policy, Rule } from '../policy/schema.ts';

/** What a client can be told about one tool: run it, ask a person first, or refuse it. */
export type NamedAction = 'allow' | 'ask' | 'deny';

export interface NamedDecision {
  name: string;
  action: NamedAction;
  /** An allow or ask whose rule checks the arguments (`require`, `deny_if`): some calls are refused. */
  conditional: boolean;
  rule: Rule;
}

const STRICTNESS: Record<NamedAction, number> = { allow: 0, ask: 1, deny: 2 };

/** The stricter of two actions: where a client cannot tell two names apart, both get it. */
export const stricter = (a: NamedAction, b: NamedAction): NamedAction => (STRICTNESS[a] >= STRICTNESS[b] ? a : b);

/**
 * policy-v1's decision for every tool the policy names exactly (a `tools` key or a `hide` entry
 * without `*`): a `hide` entry (name or pattern) wins, then the rule's action. The call-by-call
 * parts (conditions) are flagged, not decided; limits are left to each format's `lost`.
 */
export function namedDecisions(policy: Policy): NamedDecision[] {
  const hide = policy.hide ?? [];
  const decisions = new Map<string, NamedDecision>();
  for (const [name, rule] of Object.entries(policy.tools ?? {})) {
    if (isPattern(name)) continue;
    const hidden = hide.some((entry) => globMatch(entry, name));
    const action: NamedAction = hidden || rule.action === 'deny' ? 'deny' : rule.action === 'require_approval' ? 'ask' : 'allow';
    const conditional = action !== 'deny' && (rule.require?.length ?? 0) + (rule.deny_if?.length ?? 0) > 0;
    decisions.set(name, { name, action, conditional, rule });
  }
  for (const name of hide) {
    if (!isPattern(name) && !decisions.has(name)) decisions.set(name, { name, action: 'deny', conditional: false, rule: { action: 'deny' } });
  }
  return [...decisions.values()];
}

/** The `tools` keys and `hide` entries that are patterns, which only some formats can write. */
export function patternEntries(policy: Policy): { key: string; rule: Rule; hidden: boolean }[] {
  return [
    ...Object.entries(policy.tools ?? {})
      .filter(([key]) => isPattern(key))
      .map(([key, rule]) => ({ key, rule, hidden: false })),
    ...(policy.hide ?? []).filter(isPattern).map((key) => ({ key, rule: { action: 'deny' } as Rule, hidden: true })),
  ];
}

/** A pattern that lets every call it matches through, unasked: the only kind a default allow may absorb. */
export const isPlainAllow = (entry: { rule: Rule; hidden: boolean }): boolean =>
  !entry.hidden && (entry.rule.action ?? 'allow') === 'allow' && !entry.rule.require?.length && !entry.rule.deny_if?.length;

/**
 * Groups names a client folds into one (`fold` is the client's own rewrite) and gives each name the
 * strictest action of its group: the client has one decision for them all, and a refused name must
 * not be let through by an allowed twin. Returns the groups that held more than one name.
 */
export function foldTogether(decisions: NamedDecision[], fold: (name: string) => string): { decisions: NamedDecision[]; merged: string[][] } {
  const groups = new Map<string, NamedDecision[]>();
  for (const decision of decisions) {
    const key = fold(decision.name);
    groups.set(key, [...(groups.get(key) ?? []), decision]);
  }
  const merged: string[][] = [];
  const result = decisions.map((decision) => {
    const group = groups.get(fold(decision.name))!;
    if (group.length === 1) return decision;
    // One rule cannot carry the argument checks of several names: a checked group asks.
    const checked = group.some((d) => d.conditional);
    const action = [...group.map((d) => d.action), ...(checked ? (['ask'] as const) : [])].reduce(stricter);
    return { ...decision, action, conditional: false };
  });
  for (const group of groups.values()) if (group.length > 1) merged.push(group.map((d) => d.name));
  return { decisions: result, merged };
}

/** Whether the text is well-formed Unicode (no lone surrogate), which TOML requires of every string and key. */
export const isWellFormed = (text: string): boolean => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);

/** Server-supplied text for a message: a lone surrogate becomes U+FFFD. */
export const wellFormed = (text: string): string => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

export function partition<T>(items: readonly T[], keep: (item: T) => boolean): [T[], T[]] {
  return [items.filter(keep), items.filter((item) => !keep(item))];
}
