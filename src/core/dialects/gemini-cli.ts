import { stringify } from 'smol-toml';
import type { Condition, Policy } from '../policy/schema.ts';
import { foldedLost, foldedSiblingsLost, limitsLost, nameTools } from './lost.ts';
import { foldTogether, isPlainAllow, namedDecisions, patternEntries, wellFormed, type NamedDecision } from './named-decisions.ts';
import type { DialectOutput } from './types.ts';

/** Gemini CLI's limit on a function name; longer names are cut to 30 characters, `...`, 30 characters. */
const NAME_LIMIT = 63;

/**
 * The name Gemini CLI gives an MCP tool, and matches rules against (generateValidName in its
 * mcp-tool.ts): `mcp_<server>_<tool>`, every character other than ASCII letters, digits, `_ - . :`
 * written as `_`, and a long name cut in the middle. A `*` becomes `_` too, so no tool name can be a
 * wildcard here.
 */
export function geminiToolName(server: string, tool: string): string {
  let name = `mcp_${server}_${tool}`.replace(/[^a-zA-Z0-9_\-.:]/g, '_');
  if (name.length > NAME_LIMIT) name = `${name.slice(0, 30)}...${name.slice(-30)}`;
  return name;
}

/** A server name Gemini CLI's rules can address: its docs warn against `_`, and `mcp_<server>_` must survive the rewrite. */
export const isGeminiServerName = (name: string): boolean => /^[a-zA-Z0-9\-.:]+$/.test(name) && `mcp_${name}_`.length <= 30;

/** Gemini CLI turns arguments into JSON with sorted keys, each top-level pair between NUL characters (stable-stringify.ts). */
const regexLiteral = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

const isPrimitive = (value: unknown): value is string | number | boolean | null =>
  value === null || typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0));

/**
 * A regex over Gemini CLI's JSON of the arguments that matches every call the `deny_if` condition
 * holds for (it may match more: a deny that covers more is still safe), or undefined when none can
 * be written. Only top-level arguments: Gemini marks where those start and end.
 */
export function denyIfPattern(condition: Condition): string | undefined {
  const key = condition.path.slice('args.'.length);
  if (condition.path === 'args' || key.includes('.') || /^\d+$/.test(key)) return undefined;
  const pair = `\\x00${regexLiteral(JSON.stringify(key))}:`;
  if (condition.op === 'exists') return pair;
  const values = condition.op === 'eq' ? [condition.value] : condition.op === 'in' ? condition.value : undefined;
  if (!values || values.length === 0 || !values.every(isPrimitive)) return undefined;
  const alternatives = values.map((value) => regexLiteral(JSON.stringify(value)));
  const pattern = `${pair}${alternatives.length === 1 ? alternatives[0] : `(?:${alternatives.join('|')})`}\\x00`;
  // Gemini CLI drops a rule whose pattern its ReDoS check refuses (isSafeRegExp): then it is not written.
  return isGeminiSafeRegExp(pattern) ? pattern : undefined;
}

/** Gemini CLI's own check (policy/utils.ts isSafeRegExp), which drops a rule it fails. */
export function isGeminiSafeRegExp(pattern: string): boolean {
  try {
    new RegExp(pattern);
  } catch {
    return false;
  }
  return pattern.length <= 2048 && !/\([^)]*[*+?{].*\)[*+?{]/.test(pattern);
}

export interface GeminiRule {
  mcpName: string;
  toolName?: string;
  argsPattern?: string;
  decision: 'allow' | 'deny' | 'ask_user';
  priority: number;
  denyMessage?: string;
}

// Within the user tier: argument denies, then a tool's deny, then its allow or ask, then the server's rule.
// A deny above the allows matters where one rule matches two names (see qualifiedTwin).
const PRIORITY = { argsDeny: 400, toolDeny: 350, tool: 300, server: 100 } as const;

/**
 * Gemini CLI's rule for a tool whose rewritten name is itself `mcp_<server>_<rest>` also matches the
 * tool `<rest>` (policy-engine.ts ruleMatches, "Rule uses FQN"): such a name is never allowed unasked.
 */
const qualifiedTwin = (server: string, toolName: string): boolean => toolName.startsWith(`mcp_${server}_`);

/**
 * A Gemini CLI policy file (`[[rule]]` TOML) for one server: a rule per named tool, argument checks as
 * deny rules with `argsPattern` where they can be written, and a low-priority rule for the whole
 * server that stands for the default.
 */
export function geminiPolicy(serverKey: string, policy: Policy): DialectOutput & { fragment: { rule: GeminiRule[] }; text: string } {
  const lost: string[] = [];
  // TOML holds Unicode text only; a name changed here matches no server, and every tool asks.
  const serverName = wellFormed(serverKey);
  const toolPart = (name: string) => geminiToolName(serverName, name).slice(`mcp_${serverName}_`.length);
  const { decisions, merged } = foldTogether(namedDecisions(policy), (name) => geminiToolName(serverName, name));
  const rules: GeminiRule[] = [];
  const written = new Set<string>();
  const unchecked: string[] = [];
  const twins: string[] = [];
  for (const decision of decisions) {
    const toolName = toolPart(decision.name);
    if (written.has(toolName)) continue;
    written.add(toolName);
    rules.push(...toolRules(serverName, toolName, decision, unchecked, twins));
  }

  const unwritten = patternEntries(policy)
    .filter((entry) => !isPlainAllow(entry))
    .map((entry) => entry.key);
  const fallback: GeminiRule['decision'] = policy.default === 'deny' ? 'deny' : unwritten.length === 0 ? 'allow' : 'ask_user';
  // Gemini CLI requires a toolName; `*` with an mcpName is its rule for every tool of that server.
  rules.push({
    mcpName: serverName,
    toolName: '*',
    decision: fallback,
    priority: PRIORITY.server,
    ...(fallback === 'deny' ? { denyMessage: 'Not allowed by the policy: the default is deny.' } : {}),
  });

  if (!isGeminiServerName(serverName)) {
    lost.push(
      `Gemini CLI matches these rules only for a server whose name has letters, digits, -, . and : alone (no _), and is short: rename the server in your settings.json (and here) to such a name, or none of the rules apply and every tool asks.`,
    );
  }
  if (unwritten.length > 0 && policy.default === 'allow')
    lost.push(
      `Gemini CLI has no tool-name patterns within a server, so the tools ${nameTools(unwritten)} would refuse cannot be named: every tool the policy does not name asks before it runs instead of running unasked.`,
    );
  const allowedPatterns = patternEntries(policy)
    .filter((entry) => !entry.hidden && entry.rule.action !== 'deny')
    .map((entry) => entry.key);
  if (allowedPatterns.length > 0 && policy.default === 'deny')
    lost.push(
      `Gemini CLI has no tool-name patterns within a server, so the tools ${nameTools(allowedPatterns)} would let through are denied: add rules for them by name.`,
    );
  if (unchecked.length > 0)
    lost.push(
      `The argument checks of ${nameTools(unchecked)} cannot all be written as argsPattern (only deny_if on a top-level argument with exists, eq or in of plain values can), so ${unchecked.length === 1 ? 'it asks' : 'they ask'} before every call.`,
    );
  if (twins.length > 0)
    lost.push(
      `${nameTools(twins)} ${twins.length === 1 ? 'asks' : 'ask'} instead of running unasked: Gemini CLI reads a rule for a tool named mcp_${serverName}_<name> as a rule for <name> too.`,
    );
  lost.push(...foldedLost('Gemini CLI', 'writes every character other than letters, digits, _ - . and : as _ and cuts long names', merged));
  if (decisions.some((d) => d.action !== 'deny' && /_|\.\.\./.test(toolPart(d.name))))
    lost.push(foldedSiblingsLost('Gemini CLI', 'writes every character other than letters, digits, _ - . and : as _ and cuts long names'));
  lost.push(...limitsLost(policy));
  const fragment = { rule: rules };
  return { fragment, text: stringify(fragment), lost };
}

/** The rules for one named tool, strictest first: what policy-v1 refuses is never left to a later rule. */
function toolRules(mcpName: string, toolName: string, decision: NamedDecision, unchecked: string[], twins: string[]): GeminiRule[] {
  const base = { mcpName, toolName };
  if (decision.action === 'deny') {
    return [{ ...base, decision: 'deny', priority: PRIORITY.toolDeny, denyMessage: wellFormed(decision.rule.reason ?? 'Denied by the policy.') }];
  }
  const denyIf = decision.rule.deny_if ?? [];
  const patterns = denyIf.map(denyIfPattern);
  const checkable = decision.conditional && !decision.rule.require?.length && patterns.every((p) => p !== undefined) && denyIf.length > 0;
  if (decision.conditional && !checkable) unchecked.push(decision.name);
  const twin = qualifiedTwin(mcpName, toolName);
  if (twin && decision.action === 'allow') twins.push(decision.name);
  const action: GeminiRule['decision'] = decision.action === 'ask' || (decision.conditional && !checkable) || twin ? 'ask_user' : 'allow';
  const rules: GeminiRule[] = checkable
    ? patterns.map((argsPattern) => ({
        ...base,
        argsPattern: argsPattern!,
        decision: 'deny' as const,
        priority: PRIORITY.argsDeny,
        denyMessage: 'Denied by a deny_if check of the policy.',
      }))
    : [];
  rules.push({ ...base, decision: action, priority: PRIORITY.tool });
  return rules;
}
