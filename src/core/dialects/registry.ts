import type { Policy } from '../policy/schema.ts';
import { agentgatewayAuthorization } from './agentgateway.ts';
import { claudeCodeName, claudeCodePermissions } from './claude-code.ts';
import { mergeClaudeCodeSettings } from './claude-code-settings.ts';
import { clineSettings } from './cline.ts';
import { mergeClineSettings } from './cline-settings.ts';
import { codexConfig } from './codex.ts';
import { mergeCodexConfig } from './codex-config.ts';
import { cursorPermissions } from './cursor.ts';
import { geminiPolicy, isGeminiServerName } from './gemini-cli.ts';
import type { IntoConfig, ServerWriter } from './types.ts';

/**
 * One client format, for the pages and for `policy-atlas policy --for`: a new format is one entry
 * of DIALECTS. The page's text is derived from `writeServer` and `join`.
 */
export interface DialectSpec {
  id: string;
  title: string;
  /** What `policy --for` calls what it writes, in "… cannot say:" on stderr. */
  formatTitle: string;
  filename: string;
  /** Where the text goes, in the words of the client's own docs; `serverKey` stands in for the user's name for the server. */
  placement: (serverKey: string) => string;
  /** One server's policy: the fragment (and its text, for a TOML format), and a sentence for each thing the format cannot carry. */
  writeServer: ServerWriter;
  /** How several servers add up in one file: JSON fragments merged (arrays joined without repeats), or texts one after another (TOML tables, [[rule]] lists). */
  join: 'json' | 'text';
  /** For a format that lives inside a client's own file (`policy --config`): that file with the policy merged in, everything else kept. */
  intoConfig?: IntoConfig;
}

export interface Dialect extends DialectSpec {
  /** The policy as the file's text, and a sentence for each thing the format cannot carry. */
  write: (serverKey: string, policy: Policy) => { text: string; lost: string[] };
}

function dialect<const Id extends string>(spec: DialectSpec & { id: Id }): Dialect & { id: Id } {
  return {
    ...spec,
    write(serverKey, policy) {
      const { fragment, text, lost } = spec.writeServer(serverKey, policy);
      return { text: spec.join === 'text' && typeof text === 'string' ? text : JSON.stringify(fragment, null, 2), lost };
    },
  };
}

/** Every format a policy can be written in besides policy-v1, in the order pages show them. */
export const DIALECTS = [
  dialect({
    id: 'claude-code',
    title: 'Claude Code',
    formatTitle: 'Claude Code settings.json permissions',
    filename: 'settings.json',
    placement: (serverKey) =>
      `Merge into .claude/settings.json (this project) or ~/.claude/settings.json (every project). The rules name the server mcp__${claudeCodeName(serverKey)}: if your MCP configuration gives it another name, use that one, with every character other than letters, digits, _ and - written as _.`,
    writeServer: claudeCodePermissions,
    join: 'json',
    intoConfig: (settingsText, fragment, file) => ({ text: mergeClaudeCodeSettings(settingsText, fragment, file), notes: [] }),
  }),
  dialect({
    id: 'agentgateway',
    title: 'agentgateway',
    formatTitle: 'agentgateway mcpAuthorization',
    filename: 'agentgateway-mcp-authorization.json',
    placement: (serverKey) =>
      `Merge into your agentgateway configuration file (YAML accepts this JSON as it is). The rules expect the server's entry under mcp.targets to be named ${serverKey}: if yours has another name, change the mcp.tool.target tests.`,
    writeServer: agentgatewayAuthorization,
    join: 'json',
  }),
  dialect({
    id: 'gemini-cli',
    title: 'Gemini CLI',
    formatTitle: 'Gemini CLI policy',
    filename: 'policy-atlas.toml',
    placement: (serverKey) =>
      `Save as a policy file in ~/.gemini/policies/ (every project) or .gemini/policies/ (this project). The rules name the server ${isGeminiServerName(serverKey) ? serverKey : `"${serverKey}"`} (mcpName): if your settings.json gives it another name, use that one.`,
    writeServer: geminiPolicy,
    join: 'text',
  }),
  dialect({
    id: 'codex',
    title: 'Codex',
    formatTitle: 'Codex config.toml',
    filename: 'config.toml',
    placement: (serverKey) =>
      `Merge into the server's [mcp_servers.${serverKey}] table in ~/.codex/config.toml, beside its command or url: if your configuration gives the server another name, use that one.`,
    writeServer: codexConfig,
    join: 'text',
    intoConfig: mergeCodexConfig,
  }),
  dialect({
    id: 'cursor',
    title: 'Cursor',
    formatTitle: 'Cursor permissions.json',
    filename: 'permissions.json',
    placement: (serverKey) =>
      `Merge into ~/.cursor/permissions.json (every project) or .cursor/permissions.json (this project); a list there replaces the one in Cursor's settings. The entries name the server ${serverKey}: if your mcp.json gives it another name, use that one.`,
    writeServer: cursorPermissions,
    join: 'json',
  }),
  dialect({
    id: 'cline',
    title: 'Cline or Roo Code',
    formatTitle: 'Cline or Roo Code settings',
    filename: 'mcp_settings.json',
    placement: (serverKey) =>
      `Merge into the server's entry in cline_mcp_settings.json (Cline) or mcp_settings.json / .roo/mcp.json (Roo Code), beside its command or url. Cline reads autoApprove, Roo Code alwaysAllow and disabledTools; each ignores the other's keys. The entry is named ${serverKey}: if yours has another name, use that one.`,
    writeServer: clineSettings,
    join: 'json',
    intoConfig: mergeClineSettings,
  }),
] as const;

export type DialectId = (typeof DIALECTS)[number]['id'];

export const DIALECT_IDS: readonly DialectId[] = DIALECTS.map((dialect) => dialect.id);

/** The format with this id, for a page or `policy --for <id>`; undefined for an unknown id. */
export const dialectById = (id: string): Dialect | undefined => DIALECTS.find((dialect) => dialect.id === id);
