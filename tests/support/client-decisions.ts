/**
 * How each client decides a call from the text we wrote for it, modelled from the client's own
 * matching rules (cited per model). Where a client's behaviour is not documented, the model takes the
 * reading that lets more through, so a writer that passes here is safe under either reading.
 */
import { parse } from 'smol-toml';
import { globMatch } from '../../src/core/policy/glob.ts';

export type ClientDecision = 'allow' | 'ask' | 'deny';
export interface Call {
  server: string;
  tool: string;
  args: Record<string, unknown>;
}

/** Parses each written text once: a property test asks about many calls of one text. */
function cached<T>(read: (text: string) => T): (text: string) => T {
  let last: { text: string; value: T } | undefined;
  return (text) => (last?.text === text ? last.value : (last = { text, value: read(text) }).value);
}
const regexes = new Map<string, RegExp>();
const regex = (source: string) => regexes.get(source) ?? regexes.set(source, new RegExp(source)).get(source)!;

const own = <T>(record: Record<string, T> | undefined, key: string): T | undefined =>
  record && Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;

// Claude Code: rules are mcp__<server> (whole server) or mcp__<server>__<tool> with `*`, over the
// names it rewrites; deny, then ask, then allow; an unmatched tool falls to the permission mode (ask).
export const claudeFold = (name: string) => name.replace(/[^a-zA-Z0-9_-]/g, '_');
export function claudeDecides(text: string, call: Call): ClientDecision {
  const { permissions } = JSON.parse(text) as { permissions: Partial<Record<'allow' | 'ask' | 'deny', string[]>> };
  const server = `mcp__${claudeFold(call.server)}`;
  const name = `${server}__${claudeFold(call.tool)}`;
  const matches = (rule: string) => rule === server || globMatch(rule, name);
  if (permissions.deny?.some(matches)) return 'deny';
  if (permissions.ask?.some(matches)) return 'ask';
  return permissions.allow?.some(matches) ? 'allow' : 'ask';
}

// agentgateway: the CEL forms our writer emits; a deny rule wins; with any allow rule, an unmatched tool is denied.
// A tool name there is Rust text: a lone surrogate a server sends arrives as U+FFFD.
export const agentgatewayName = (name: string) => name.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
export function agentgatewayDecides(text: string, call: Call): ClientDecision {
  const tool = agentgatewayName(call.tool);
  const rules = (JSON.parse(text) as { mcp: { policies: { mcpAuthorization: { rules: ({ allow: string } | { deny: string })[] } } } }).mcp.policies
    .mcpAuthorization.rules;
  const holds = (cel: string): boolean => {
    if (cel === 'false') return false;
    const form = /^mcp\.tool\.target == ("(?:[^"\\]|\\.)*") && mcp\.tool\.name(?: == ("(?:[^"\\]|\\.)*")|\.matches\(("(?:[^"\\]|\\.)*")\))$/.exec(cel);
    if (!form) throw new Error(`unmodelled CEL: ${cel}`);
    if (JSON.parse(form[1]!) !== call.server) return false;
    // RE2 (CEL's engine) without flags: `.` does not match a newline, as in JavaScript.
    return form[2] !== undefined ? JSON.parse(form[2]) === tool : regex(JSON.parse(form[3]!)).test(tool);
  };
  if (rules.some((rule) => 'deny' in rule && holds(rule.deny))) return 'deny';
  const allows = rules.filter((rule): rule is { allow: string } => 'allow' in rule);
  if (allows.length === 0) return 'allow';
  return allows.some((rule) => holds(rule.allow)) ? 'allow' : 'deny';
}

// Gemini CLI (packages/core/src/policy/policy-engine.ts ruleMatches, toml-loader.ts, mcp-tool.ts
// generateValidName, stable-stringify.ts): the highest priority matching rule decides; an MCP
// tool no rule matches asks.
export function geminiCallName(server: string, tool: string): string {
  let name = `mcp_${server}_${tool}`.replace(/[^a-zA-Z0-9_\-.:]/g, '_');
  if (/^[^a-zA-Z_]/.test(name)) name = `_${name}`;
  if (name.length > 63) name = `${name.slice(0, 30)}...${name.slice(-30)}`;
  return name;
}
function geminiStableArgs(args: Record<string, unknown>): string {
  const value = (v: unknown): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(value).join(',')}]`;
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${value((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  };
  return `{${Object.keys(args)
    .sort()
    .filter((k) => args[k] !== undefined)
    .map((k) => `\0${JSON.stringify(k)}:${value(args[k])}\0`)
    .join(',')}}`;
}
const geminiSafeRegExp = (pattern: string) => pattern.length <= 2048 && !/\([^)]*[*+?{].*\)[*+?{]/.test(pattern);
type GeminiRule = { mcpName?: string; toolName?: string; argsPattern?: string; decision: string; priority: number };
const geminiRules = cached((text) =>
  ((parse(text) as { rule?: GeminiRule[] }).rule ?? [])
    // The loader drops a rule whose pattern fails its ReDoS check.
    .filter((rule) => rule.argsPattern === undefined || geminiSafeRegExp(rule.argsPattern))
    .map((rule, index) => ({ ...rule, index }))
    .sort((a, b) => b.priority - a.priority || a.index - b.index),
);
export function geminiDecides(text: string, call: Call): ClientDecision {
  const name = geminiCallName(call.server, call.tool);
  const rules = geminiRules(text);
  for (const rule of rules) {
    if (rule.mcpName !== undefined && rule.mcpName !== '*' && rule.mcpName !== call.server) continue;
    const fqn =
      rule.mcpName === undefined
        ? rule.toolName
        : rule.toolName === undefined || rule.toolName === '*'
          ? `mcp_${rule.mcpName}_*`
          : `mcp_${rule.mcpName}_${rule.toolName}`;
    if (fqn !== undefined && fqn !== '*') {
      if (fqn.includes('*')) {
        if (fqn.startsWith('mcp_') && fqn.endsWith('_*')) {
          const expected = fqn.slice(4, -2);
          if (call.server !== expected || !name.startsWith(`mcp_${expected}_`)) continue;
        } else if (name !== fqn) continue;
      } else if (name !== fqn && fqn !== `mcp_${call.server}_${name}`) continue; // a rule's FQN also matches the short name it qualifies
    }
    if (rule.argsPattern !== undefined && !regex(rule.argsPattern).test(geminiStableArgs(call.args))) continue;
    return rule.decision === 'allow' ? 'allow' : rule.decision === 'deny' ? 'deny' : 'ask';
  }
  return 'ask';
}

// Codex (codex-rs config mcp_types.rs): enabled_tools then disabled_tools filter by exact name; a
// tool's approval_mode, else the server's default, else `auto` (which may run it unasked).
const codexServers = cached(
  (text) =>
    (
      parse(text) as {
        mcp_servers?: Record<
          string,
          { enabled_tools?: string[]; disabled_tools?: string[]; default_tools_approval_mode?: string; tools?: Record<string, { approval_mode?: string }> }
        >;
      }
    ).mcp_servers,
);
export function codexDecides(text: string, call: Call): ClientDecision {
  const servers = codexServers(text);
  const server = own(servers, call.server);
  if (!server) return 'ask';
  if (server.enabled_tools && !server.enabled_tools.includes(call.tool)) return 'deny';
  if (server.disabled_tools?.includes(call.tool)) return 'deny';
  const mode = own(server.tools, call.tool)?.approval_mode ?? server.default_tools_approval_mode ?? 'auto';
  return mode === 'prompt' ? 'ask' : 'allow';
}

// Cursor (permissions.json reference): `server:tool` entries run unasked; anything else asks. Read as
// globs with * and ?, without case: the widest reading of the documented `server:*` form.
export function cursorDecides(text: string, call: Call): ClientDecision {
  const { mcpAllowlist = [] } = JSON.parse(text) as { mcpAllowlist?: string[] };
  const subject = `${call.server}:${call.tool}`.toLowerCase();
  const globRegex = (entry: string) =>
    new RegExp(
      `^${[...entry.toLowerCase()].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[\\s\\S]' : c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'))).join('')}$`,
    );
  return mcpAllowlist.some((entry) => globRegex(entry).test(subject)) ? 'allow' : 'ask';
}

// Cline (services/mcp/schemas.ts): autoApprove by exact name; everything else asks.
export function clineDecides(text: string, call: Call): ClientDecision {
  const entry = own((JSON.parse(text) as { mcpServers: Record<string, { autoApprove?: string[] }> }).mcpServers, call.server);
  return entry?.autoApprove?.includes(call.tool) ? 'allow' : 'ask';
}

// Roo Code (services/mcp/McpHub.ts, utils/mcp-name.ts): disabledTools and alwaysAllow, compared as
// toolNamesMatch does (without case, - and spaces as _).
export const rooFold = (name: string) => name.toLowerCase().replace(/[-\s]/g, '_');
export function rooDecides(text: string, call: Call): ClientDecision {
  const entry = own((JSON.parse(text) as { mcpServers: Record<string, { alwaysAllow?: string[]; disabledTools?: string[] }> }).mcpServers, call.server);
  const listed = (list?: string[]) => list?.some((name) => rooFold(name) === rooFold(call.tool)) ?? false;
  if (listed(entry?.disabledTools)) return 'deny';
  return listed(entry?.alwaysAllow) ? 'allow' : 'ask';
}
