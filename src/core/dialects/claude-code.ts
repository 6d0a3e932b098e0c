import { isPattern } from '../policy/glob.ts';
import type { Policy } from '../policy/schema.ts';
import { foldedLost, foldedSiblingsLost, limitsLost, nameTools } from './lost.ts';
import { foldTogether, namedDecisions } from './named-decisions.ts';
import type { DialectOutput } from './types.ts';

/**
 * Claude Code's own rewrite of MCP server and tool names into its `mcp__<server>__<tool>` names:
 * every character other than ASCII letters, digits, `_` and `-` becomes `_`. Applying it to hostile
 * tool names also means a name cannot smuggle a `*` wildcard into the rule.
 */
export const claudeCodeName = (name: string): string => name.replace(/[^a-zA-Z0-9_-]/g, '_');

/** A policy-v1 key (name or `*` pattern) as a Claude Code rule; `*` is allowed only in the tool part. */
function permissionRule(server: string, key: string): string {
  if (key.replace(/\*/g, '') === '') return `mcp__${server}`;
  return `mcp__${server}__${key.split('*').map(claudeCodeName).join('*')}`;
}

export interface ClaudeCodePermissions {
  permissions: { allow?: string[]; ask?: string[]; deny?: string[] };
}

/**
 * A `settings.json` fragment for Claude Code giving the policy's decisions as `permissions` rules:
 * allow -> allow, require_approval -> ask, deny and hide -> deny. `serverName` is the key of the
 * server in the user's MCP configuration.
 */
export function claudeCodePermissions(serverName: string, policy: Policy): DialectOutput & { fragment: ClaudeCodePermissions } {
  const server = claudeCodeName(serverName);
  const lists = { allow: new Set<string>(), ask: new Set<string>(), deny: new Set<string>() };
  const lost: string[] = [];
  if (policy.default === 'allow') lists.allow.add(`mcp__${server}`);
  for (const key of policy.hide ?? []) lists.deny.add(permissionRule(server, key));
  const rules = Object.entries(policy.tools ?? {});
  const widened: string[] = [];
  for (const [key, rule] of rules) {
    // Claude Code matches the rewritten names, so an allow pattern with `_` (or a character it
    // rewrites to `_`) would also match names the pattern does not: it asks instead.
    const widens = isPattern(key) && /[^a-zA-Z0-9*-]/.test(key);
    if (widens && rule.action !== 'deny' && rule.action !== 'require_approval') widened.push(key);
    // Claude Code cannot check arguments: a tool whose calls policy-v1 checks asks for each call.
    const checked = (rule.deny_if?.length ?? 0) + (rule.require?.length ?? 0) > 0;
    const list = rule.action === 'deny' ? lists.deny : rule.action === 'require_approval' || widens || checked ? lists.ask : lists.allow;
    list.add(permissionRule(server, key));
  }
  const permissions: ClaudeCodePermissions['permissions'] = {};
  for (const name of ['allow', 'ask', 'deny'] as const) if (lists[name].size > 0) permissions[name] = [...lists[name]];

  if (policy.default === 'deny') {
    lost.push(
      `The default deny is left out: a tool the rules do not name falls to Claude Code's permission mode (which normally asks). Denying mcp__${server} as a whole would also override the allow and ask rules, since deny always wins.`,
    );
  }
  if (widened.length > 0)
    lost.push(
      `The patterns ${nameTools(widened)} ask instead of allowing: Claude Code writes every character other than letters, digits, _ and - as _, so the rule would also match names the pattern does not.`,
    );
  const folded = foldTogether(namedDecisions(policy), claudeCodeName);
  lost.push(...foldedLost('Claude Code', 'writes every character other than letters, digits, _ and - as _', folded.merged));
  if (folded.decisions.some((d) => d.action !== 'deny' && claudeCodeName(d.name).includes('_')))
    lost.push(foldedSiblingsLost('Claude Code', 'writes every character other than letters, digits, _ and - as _'));
  if (policy.hide?.length) lost.push(`Hidden tools (${nameTools(policy.hide)}) are denied, but Claude Code still lists them to the model.`);
  lost.push(...limitsLost(policy));
  const checked = rules.filter(([, rule]) => rule.action !== 'deny' && (rule.deny_if?.length ?? 0) + (rule.require?.length ?? 0) > 0).map(([key]) => key);
  if (checked.length > 0)
    lost.push(
      `The argument checks (deny_if, require) of ${nameTools(checked)} are left out: Claude Code cannot check arguments, so ${checked.length === 1 ? 'it asks' : 'they ask'} before every call.`,
    );
  if (rules.some(([, rule]) => rule.reason)) lost.push('Reasons are left out: Claude Code rules carry no message.');
  if ([...rules.map(([key]) => key), ...(policy.hide ?? [])].some(isPattern)) {
    lost.push(
      'Patterns lose their ranking: Claude Code applies deny, then ask, then allow, whichever rule is more specific, where policy-v1 lets an exact name win over a pattern.',
    );
  }
  return { fragment: { permissions }, lost };
}
