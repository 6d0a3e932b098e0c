import { stringify } from 'smol-toml';
import type { Policy } from '../policy/schema.ts';
import { limitsLost, nameTools } from './lost.ts';
import { isPlainAllow, isWellFormed, wellFormed, namedDecisions, partition, patternEntries } from './named-decisions.ts';
import type { DialectOutput } from './types.ts';

/** Codex's per-tool approval: `approve` runs unasked, `prompt` asks, `auto` leaves it to Codex. */
type ApprovalMode = 'auto' | 'prompt' | 'approve';

export interface CodexServerPolicy {
  enabled_tools?: string[];
  disabled_tools?: string[];
  default_tools_approval_mode: ApprovalMode;
  tools?: Record<string, { approval_mode: ApprovalMode }>;
}

/**
 * The keys of Codex's `[mcp_servers.<name>]` table (config.toml) that carry the policy. Codex
 * compares tool names exactly and has no patterns, so a name is written as it is (TOML quotes it)
 * and a pattern is left out, on the strict side. `auto` is never written: it lets Codex run a tool
 * unasked by its own judgement.
 */
export function codexConfig(
  serverName: string,
  policy: Policy,
): DialectOutput & { fragment: { mcp_servers: Record<string, CodexServerPolicy> }; text: string } {
  const lost: string[] = [];
  // TOML holds Unicode text only: a name with a lone surrogate cannot be written, and is left to the default.
  const [named, unwritable] = partition(namedDecisions(policy), (d) => isWellFormed(d.name));
  const patterns = patternEntries(policy);
  // A null prototype: a tool named __proto__ is a key like any other.
  const tools: Record<string, { approval_mode: ApprovalMode }> = Object.create(null);
  for (const { name, action, conditional } of named) {
    if (action !== 'deny') tools[name] = { approval_mode: action === 'allow' && !conditional ? 'approve' : 'prompt' };
  }
  const server: CodexServerPolicy = { default_tools_approval_mode: 'prompt' };
  if (policy.default === 'deny') server.enabled_tools = named.filter((d) => d.action !== 'deny').map((d) => d.name);
  const disabled = named.filter((d) => d.action === 'deny').map((d) => d.name);
  if (disabled.length > 0) server.disabled_tools = disabled;
  if (Object.keys(tools).length > 0) server.tools = tools;

  const unwritten = [
    ...patterns.filter((entry) => !isPlainAllow(entry)).map((entry) => entry.key),
    ...unwritable.filter((d) => d.action !== 'allow' || d.conditional).map((d) => d.name),
  ];
  if (policy.default === 'allow') {
    if (unwritten.length === 0) server.default_tools_approval_mode = 'approve';
    else
      lost.push(
        `Codex has no name patterns, so the tools ${nameTools(unwritten)} would refuse (or ask for) cannot all be named: every tool the policy does not name asks before it runs (default_tools_approval_mode = "prompt") instead of running unasked.`,
      );
  } else {
    lost.push('Prompts and resources are not covered: enabled_tools lists tools only.');
    const allowed = patterns.filter((entry) => !entry.hidden && entry.rule.action !== 'deny').map((entry) => entry.key);
    if (allowed.length > 0)
      lost.push(`Codex has no name patterns, so the tools ${nameTools(allowed)} would let through are not enabled: add them to enabled_tools by name.`);
  }
  if (unwritable.length > 0)
    lost.push(
      `${nameTools(unwritable.map((d) => JSON.stringify(d.name)))} cannot be written in TOML (a lone surrogate in the name), so the default decides for ${unwritable.length === 1 ? 'it' : 'them'}.`,
    );
  const checked = named.filter((d) => d.conditional).map((d) => d.name);
  if (checked.length > 0)
    lost.push(
      `Codex cannot check arguments, so ${nameTools(checked)} ${checked.length === 1 ? 'asks' : 'ask'} before every call (approval_mode = "prompt") instead of running unasked when the checks pass.`,
    );
  lost.push(...limitsLost(policy));
  if (named.some((d) => d.rule.reason)) lost.push('Reasons are left out: Codex shows its own message.');

  const mcpServers: Record<string, CodexServerPolicy> = Object.create(null);
  // TOML holds Unicode text only; a name changed here is another server's table, which Codex ignores.
  mcpServers[wellFormed(serverName)] = server;
  const fragment = { mcp_servers: mcpServers };
  return { fragment, text: stringify(fragment), lost };
}
