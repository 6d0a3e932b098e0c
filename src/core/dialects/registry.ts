import type { Policy } from '../policy/schema.ts';
import { agentgatewayAuthorization } from './agentgateway.ts';
import { claudeCodeName, claudeCodePermissions } from './claude-code.ts';
import { clineSettings } from './cline.ts';
import { codexConfig } from './codex.ts';
import { cursorPermissions } from './cursor.ts';
import { geminiPolicy, isGeminiServerName } from './gemini-cli.ts';

/** One client format: what to call it, the file it goes in, and its writer. */
export interface Dialect {
  id: string;
  title: string;
  filename: string;
  /** Where the text goes, in the words of the client's own docs; `serverKey` stands in for the user's name for the server. */
  placement: (serverKey: string) => string;
  /** The policy as the file's text, and a sentence for each thing the format cannot carry. */
  write: (serverKey: string, policy: Policy) => { text: string; lost: string[] };
}

const asJson = (output: { fragment: unknown; lost: string[] }) => ({ text: JSON.stringify(output.fragment, null, 2), lost: output.lost });

/** Every format a policy can be written in besides policy-v1, in the order pages show them. */
export const DIALECTS = [
  {
    id: 'claude-code',
    title: 'Claude Code',
    filename: 'settings.json',
    placement: (serverKey) => `Merge into .claude/settings.json (this project) or ~/.claude/settings.json (every project). The rules name the server mcp__${claudeCodeName(serverKey)}: if your MCP configuration gives it another name, use that one, with every character other than letters, digits, _ and - written as _.`,
    write: (serverKey, policy) => asJson(claudeCodePermissions(serverKey, policy)),
  },
  {
    id: 'agentgateway',
    title: 'agentgateway',
    filename: 'agentgateway-mcp-authorization.json',
    placement: (serverKey) => `Merge into your agentgateway configuration file (YAML accepts this JSON as it is). The rules expect the server's entry under mcp.targets to be named ${serverKey}: if yours has another name, change the mcp.tool.target tests.`,
    write: (serverKey, policy) => asJson(agentgatewayAuthorization(serverKey, policy)),
  },
  {
    id: 'gemini-cli',
    title: 'Gemini CLI',
    filename: 'policy-atlas.toml',
    placement: (serverKey) => `Save as a policy file in ~/.gemini/policies/ (every project) or .gemini/policies/ (this project). The rules name the server ${isGeminiServerName(serverKey) ? serverKey : `"${serverKey}"`} (mcpName): if your settings.json gives it another name, use that one.`,
    write: geminiPolicy,
  },
  {
    id: 'codex',
    title: 'Codex',
    filename: 'config.toml',
    placement: (serverKey) => `Merge into the server's [mcp_servers.${serverKey}] table in ~/.codex/config.toml, beside its command or url: if your configuration gives the server another name, use that one.`,
    write: codexConfig,
  },
  {
    id: 'cursor',
    title: 'Cursor',
    filename: 'permissions.json',
    placement: (serverKey) => `Merge into ~/.cursor/permissions.json (every project) or .cursor/permissions.json (this project); a list there replaces the one in Cursor's settings. The entries name the server ${serverKey}: if your mcp.json gives it another name, use that one.`,
    write: (serverKey, policy) => asJson(cursorPermissions(serverKey, policy)),
  },
  {
    id: 'cline',
    title: 'Cline or Roo Code',
    filename: 'mcp_settings.json',
    placement: (serverKey) => `Merge into the server's entry in cline_mcp_settings.json (Cline) or mcp_settings.json / .roo/mcp.json (Roo Code), beside its command or url. Cline reads autoApprove, Roo Code alwaysAllow and disabledTools; each ignores the other's keys. The entry is named ${serverKey}: if yours has another name, use that one.`,
    write: (serverKey, policy) => asJson(clineSettings(serverKey, policy)),
  },
] as const satisfies readonly Dialect[];

export type DialectId = (typeof DIALECTS)[number]['id'];

export const DIALECT_IDS: readonly DialectId[] = DIALECTS.map((dialect) => dialect.id);

/** The format with this id, for a page or `policy --for <id>`; undefined for an unknown id. */
export const dialectById = (id: string): Dialect | undefined => DIALECTS.find((dialect) => dialect.id === id);
