import { isPattern } from '../policy/glob.ts';
import type { Policy, Rule } from '../policy/schema.ts';
import { limitsLost, nameTools } from './lost.ts';
import type { DialectOutput } from './types.ts';

/**
 * A CEL string literal. JSON's escapes are a subset of CEL's, except that JSON writes a lone
 * surrogate as `\udXXX`, which CEL refuses: those (only in hostile names) become U+FFFD first.
 */
export function celString(text: string): string {
  return JSON.stringify(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}

const regexLiteral = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A CEL test that a call or listed tool is `key` (a name or a policy-v1 `*` pattern) of `target`.
 * A `*` is `[\s\S]*`, not `.*`, which in RE2 as in JavaScript stops at a newline a hostile name may hold.
 */
function toolTest(target: string, key: string): string {
  const name = isPattern(key)
    ? `mcp.tool.name.matches(${celString(`^${key.split('*').map(regexLiteral).join('[\\s\\S]*')}$`)})`
    : `mcp.tool.name == ${celString(key)}`;
  return `mcp.tool.target == ${celString(target)} && ${name}`;
}

type AgentgatewayRule = { allow: string } | { deny: string };

export interface AgentgatewayAuthorization {
  mcp: { policies: { mcpAuthorization: { rules: AgentgatewayRule[] } } };
}

/**
 * agentgateway's `mcpAuthorization` (CEL rules; a deny rule wins, and once any allow rule exists a
 * tool no allow rule matches is denied and left out of tools/list). `target` is the name of the
 * server's entry under `mcp.targets` in the user's agentgateway configuration.
 */
export function agentgatewayAuthorization(target: string, policy: Policy): DialectOutput & { fragment: AgentgatewayAuthorization } {
  const rules: AgentgatewayRule[] = [];
  const lost: string[] = [];
  const entries = Object.entries(policy.tools ?? {});
  const approval = entries.filter(([, rule]) => rule.action === 'require_approval').map(([key]) => key);
  // agentgateway cannot check arguments here: a tool whose calls policy-v1 checks is denied, as an approval is.
  const isChecked = (rule: Rule) => (rule.deny_if?.length ?? 0) + (rule.require?.length ?? 0) > 0;
  const allows = (rule: Rule) => (rule.action === undefined || rule.action === 'allow') && !isChecked(rule);
  const checked = entries.filter(([, rule]) => rule.action !== 'deny' && rule.action !== 'require_approval' && isChecked(rule)).map(([key]) => key);
  for (const [key, rule] of entries) {
    if (allows(rule)) rules.push({ allow: toolTest(target, key) });
  }
  const denied = [...(policy.hide ?? []), ...entries.filter(([, rule]) => !allows(rule)).map(([key]) => key)];
  for (const key of new Set(denied)) rules.push({ deny: toolTest(target, key) });
  // With deny rules only, agentgateway allows whatever they do not match; one allow rule that never
  // matches turns it into an allowlist, as policy-v1's default deny needs.
  if (policy.default === 'deny' && !rules.some((rule) => 'allow' in rule)) rules.unshift({ allow: 'false' });
  if (policy.default === 'deny') {
    lost.push('Prompts and resources are denied too, as no allow rule names them: add allow rules for the ones you use.');
  }

  if (approval.length > 0) {
    lost.push(
      `agentgateway has no step where a person approves a call, so ${nameTools(approval)} ${approval.length === 1 ? 'is' : 'are'} denied here: to use ${approval.length === 1 ? 'it' : 'them'}, approve calls in your client (for example Claude Code's ask) and change the deny rule to an allow rule.`,
    );
  }
  if (checked.length > 0) {
    lost.push(
      `The argument checks (deny_if, require) of ${nameTools(checked)} are left out, and agentgateway has no step where a person approves a call, so ${checked.length === 1 ? 'it is' : 'they are'} denied here: to use ${checked.length === 1 ? 'it' : 'them'}, write the checks as CEL on mcp.tool.arguments or approve calls in your client.`,
    );
  }
  lost.push(...limitsLost(policy));
  if (entries.some(([, rule]) => rule.reason)) lost.push("Reasons are left out: a refused call gets the gateway's own message.");
  if ([...entries.map(([key]) => key), ...(policy.hide ?? [])].some(isPattern)) {
    lost.push('Patterns lose their ranking: any matching deny rule wins, where policy-v1 lets an exact name win over a pattern.');
  }
  return { fragment: { mcp: { policies: { mcpAuthorization: { rules } } } }, lost };
}
