import type { Policy } from '../policy/schema.ts';
import { foldedLost, foldedSiblingsLost, limitsLost, nameTools } from './lost.ts';
import { foldTogether, namedDecisions, patternEntries } from './named-decisions.ts';
import type { DialectOutput } from './types.ts';

/**
 * Characters Cursor's `server:tool` entries may read as glob syntax, or as the separator: a name
 * holding one is never written, since the entry could match more than that one tool.
 */
const GLOB_SYNTAX = /[*?[\]{}!\\:]/;

/** Taken as Cursor may compare names: without case. */
export const cursorFold = (name: string): string => name.toLowerCase();

/**
 * Cursor's `permissions.json` `mcpAllowlist`: the tools that run without asking, as `server:tool`.
 * Allow only: every other tool asks, and nothing can be denied or checked.
 */
export function cursorPermissions(serverName: string, policy: Policy): DialectOutput & { fragment: { mcpAllowlist: string[] } } {
  const lost: string[] = [];
  const { decisions, merged } = foldTogether(namedDecisions(policy), cursorFold);
  const serverWritable = !GLOB_SYNTAX.test(serverName) && serverName !== '';
  const allowed = decisions.filter((d) => d.action === 'allow' && !d.conditional);
  const unsafe = allowed.filter((d) => GLOB_SYNTAX.test(d.name)).map((d) => d.name);
  const entries = serverWritable ? allowed.filter((d) => !GLOB_SYNTAX.test(d.name)).map((d) => `${serverName}:${d.name}`) : [];

  if (!serverWritable)
    lost.push(
      `The server's name has a character Cursor reads as syntax (: * ? [ ] { } ! or \\), so no entry is written: every tool asks. Rename the server to write entries.`,
    );
  if (unsafe.length > 0)
    lost.push(
      `${nameTools(unsafe)} ${unsafe.length === 1 ? 'has' : 'have'} a character Cursor may read as a pattern, so ${unsafe.length === 1 ? 'it asks' : 'they ask'} instead of running unasked.`,
    );
  const denied = decisions.filter((d) => d.action === 'deny').map((d) => d.name);
  if (denied.length > 0 || policy.default === 'deny')
    lost.push(
      `Cursor cannot deny a tool: ${denied.length > 0 ? `${nameTools(denied)}${policy.default === 'deny' ? ', and every tool the policy does not name,' : ''}` : 'every tool the policy does not name'} ${denied.length === 1 && policy.default !== 'deny' ? 'asks' : 'ask'} before running instead. Leave the server out of Cursor, or turn those tools off in its MCP settings, to refuse them.`,
    );
  if (policy.default === 'allow') lost.push('The default allow is left out: a tool the list does not name asks before it runs.');
  const checked = decisions.filter((d) => d.conditional).map((d) => d.name);
  if (checked.length > 0) lost.push(`Cursor cannot check arguments, so ${nameTools(checked)} ${checked.length === 1 ? 'asks' : 'ask'} before every call.`);
  const patterns = patternEntries(policy)
    .filter((entry) => !entry.hidden && entry.rule.action !== 'deny')
    .map((entry) => entry.key);
  if (patterns.length > 0) lost.push(`Patterns (${nameTools(patterns)}) are not written: the tools they match ask before they run.`);
  lost.push(...foldedLost('Cursor', 'may compare names without case', merged));
  if (entries.length > 0) lost.push(foldedSiblingsLost('Cursor', 'may compare names without case'));
  lost.push(...limitsLost(policy));
  return { fragment: { mcpAllowlist: entries }, lost };
}
