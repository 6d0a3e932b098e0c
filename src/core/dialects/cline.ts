import type { Policy } from '../policy/schema.ts';
import { foldedLost, foldedSiblingsLost, limitsLost, nameTools } from './lost.ts';
import { foldTogether, namedDecisions, patternEntries } from './named-decisions.ts';
import type { DialectOutput } from './types.ts';

/** Roo Code's comparison of tool names: without case, with `-` and spaces read as `_`. */
export const rooFold = (name: string): string => name.toLowerCase().replace(/[-\s]/g, '_');

export interface ClineServerEntry {
  /** Cline: tools that run without asking. */
  autoApprove: string[];
  /** Roo Code: the same list under its own key. */
  alwaysAllow: string[];
  /** Roo Code: tools the model is not offered. Cline has no such key and ignores it. */
  disabledTools?: string[];
}

/**
 * The keys of the server's entry in Cline's `cline_mcp_settings.json` and Roo Code's
 * `mcp_settings.json` (or `.roo/mcp.json`) that carry the policy: which tools run unasked, and (Roo
 * only) which are turned off. Every other tool asks.
 */
export function clineSettings(serverName: string, policy: Policy): DialectOutput & { fragment: { mcpServers: Record<string, ClineServerEntry> } } {
  const lost: string[] = [];
  const { decisions, merged } = foldTogether(namedDecisions(policy), rooFold);
  const approved = decisions.filter((d) => d.action === 'allow' && !d.conditional).map((d) => d.name);
  const disabled = decisions.filter((d) => d.action === 'deny').map((d) => d.name);
  const entry: ClineServerEntry = { autoApprove: approved, alwaysAllow: approved };
  if (disabled.length > 0) entry.disabledTools = disabled;

  if (disabled.length > 0)
    lost.push(
      `In Cline, which cannot turn a single tool off, ${nameTools(disabled)} ${disabled.length === 1 ? 'asks' : 'ask'} before running; Roo Code turns ${disabled.length === 1 ? 'it' : 'them'} off (disabledTools).`,
    );
  if (policy.default === 'deny') lost.push('The default deny becomes ask: a tool the policy does not name asks before it runs.');
  else lost.push('The default allow is left out: a tool the lists do not name asks before it runs.');
  const checked = decisions.filter((d) => d.conditional).map((d) => d.name);
  if (checked.length > 0)
    lost.push(`Cline and Roo Code cannot check arguments, so ${nameTools(checked)} ${checked.length === 1 ? 'asks' : 'ask'} before every call.`);
  const patterns = patternEntries(policy).map((p) => p.key);
  if (patterns.length > 0)
    lost.push(`Patterns (${nameTools(patterns)}) are not written: the lists take names only, so the tools they match ask before they run.`);
  lost.push(...foldedLost('Roo Code', 'compares names without case and reads - and spaces as _', merged));
  if (approved.length > 0) lost.push(foldedSiblingsLost('Roo Code', 'compares names without case and reads - and spaces as _'));
  lost.push(...limitsLost(policy));
  if (decisions.some((d) => d.rule.reason)) lost.push('Reasons are left out: these lists carry no message.');

  const mcpServers: Record<string, ClineServerEntry> = Object.create(null);
  mcpServers[serverName] = entry;
  return { fragment: { mcpServers }, lost };
}
