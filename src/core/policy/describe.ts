import type { Limit, Rule } from './schema.ts';

const WINDOW_WORD: Record<Limit['window'], string> = { second: 'a second', minute: 'a minute', hour: 'an hour', day: 'a day' };

const SCOPE_WORD: Record<Limit['scope'], string> = { grant: 'per grant', session: 'per session', agent: 'per agent', global: 'in total' };

export function describeLimit(limit: Limit): string {
  return `${limit.max} call${limit.max === 1 ? '' : 's'} ${WINDOW_WORD[limit.window]} ${SCOPE_WORD[limit.scope]}`;
}

/** One sentence saying what a tool's rule does, for the page under the snippet. */
export function describeRule(toolName: string, rule: Rule): string {
  const limits = rule.limits?.length ? `, at most ${rule.limits.map(describeLimit).join(' and ')}` : '';
  const guards = (rule.deny_if?.length ?? 0) + (rule.require?.length ?? 0);
  const guardText = guards > 0 ? `, refusing calls whose arguments fail ${guards} check${guards === 1 ? '' : 's'}` : '';
  const action = rule.action ?? 'allow';
  const head =
    action === 'deny'
      ? `Denies every call to ${toolName}`
      : action === 'require_approval'
        ? `Lets ${toolName} run only after a person approves each call${limits}${guardText}`
        : `Allows ${toolName}${limits}${guardText}`;
  return `${head}; every tool the policy does not name is denied.`;
}
