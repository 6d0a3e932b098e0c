/** Cline's cline_mcp_settings.json (or Roo Code's mcp_settings.json) with our lists in each server's entry, everything else kept. */
import { DataError, issueText } from '../errors/friendly.ts';
import { parseJsonFile } from '../errors/json-text.ts';
import type { ClineServerEntry } from './cline.ts';
import { jsonInLayoutOf } from './json-layout.ts';
import type { ConfigMerge } from './types.ts';

/** The keys of a server's entry the policy owns. */
const OWNED = ['autoApprove', 'alwaysAllow', 'disabledTools'] as const;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `object` with `key` set to `value` where it was (or last), or taken out for undefined; a key named __proto__ is data. */
function withKey(object: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const entries = Object.entries(object);
  const at = entries.findIndex(([name]) => name === key);
  if (value === undefined) return Object.fromEntries(entries.filter(([name]) => name !== key));
  if (at >= 0) entries[at] = [key, value];
  else entries.push([key, value]);
  return Object.fromEntries(entries);
}

/**
 * `settingsText` (empty for a file not written yet) with, for each server of the fragment
 * (`{ mcpServers: { <name>: entry } }`), the entry's `autoApprove`, `alwaysAllow` and
 * `disabledTools` replaced by ours: a list the policy does not write is taken out, so a tool the
 * policy now asks about is not left approved. Other keys (command, args, env, disabled) and other
 * servers stay, keys in their order, in the file's own indentation. A server the file lacks gets an
 * entry with our lists and a note that it needs its command. Throws a DataError naming `file` and
 * the JSON path when the file is not such a settings object.
 */
export function mergeClineSettings(settingsText: string, fragment: unknown, file: string): ConfigMerge {
  const settings = settingsText.trim() === '' ? {} : parseJsonFile(settingsText, file);
  const fail = (path: string[], message: string) =>
    new DataError([
      issueText({ ...(path.length > 0 ? { path } : {}), message, hint: 'fix the file, or write the policy without --config and merge it by hand' }, file),
    ]);
  if (!isObject(settings)) throw fail([], 'expected a JSON object (MCP settings)');
  if (settings.mcpServers !== undefined && !isObject(settings.mcpServers)) throw fail(['mcpServers'], 'expected an object of servers');
  const ours = (isObject(fragment) && isObject(fragment.mcpServers) ? fragment.mcpServers : {}) as Record<string, ClineServerEntry>;
  let servers: Record<string, unknown> = settings.mcpServers ?? {};
  const notes: string[] = [];
  for (const [name, lists] of Object.entries(ours)) {
    const entry = Object.hasOwn(servers, name) ? servers[name] : undefined;
    if (entry !== undefined && !isObject(entry)) throw fail(['mcpServers', name], "expected an object (the server's entry)");
    if (entry === undefined) notes.push(`${file} had no server named ${name}: its entry holds the policy only; add the server's command (or url) to it`);
    let merged = entry ?? {};
    for (const key of OWNED) merged = withKey(merged, key, lists[key]);
    servers = withKey(servers, name, merged);
  }
  return { text: jsonInLayoutOf(settingsText, withKey(settings, 'mcpServers', servers)), notes };
}
