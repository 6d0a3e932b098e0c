import type { ConfigClient } from './clients.ts';

// The file names and folders each client keeps its configuration in (see well-known.ts), `/`-separated.
const BY_PATH: [RegExp, ConfigClient][] = [
  [/(^|\/)\.cursor\/mcp\.json$/i, 'cursor'],
  [/(^|\/)windsurf\/mcp_config\.json$/i, 'windsurf'],
  [/(^|\/)\.gemini\/settings\.json$/i, 'gemini-cli'],
  [/(^|\/)cline_mcp_settings\.json$/i, 'cline'],
  [/(^|\/)(rooveterinaryinc\.roo-cline\/settings\/mcp_settings|\.roo\/mcp)\.json$/i, 'roo'],
  [/(^|\/)(kilocode\.kilo-code\/settings\/mcp_settings|\.kilocode\/mcp)\.json$/i, 'kilo'],
  [/(^|\/)\.vscode\/mcp\.json$/i, 'vscode'],
  [/(^|\/)code( - insiders)?\/user\/mcp\.json$/i, 'vscode'],
  [/(^|\/)\.claude\.json$/i, 'claude-code'],
  [/(^|\/)\.mcp\.json$/i, 'claude-code'],
  [/(^|\/)claude_desktop_config\.json$/i, 'claude-desktop'],
];

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Which client wrote a JSON configuration: the file's place first (`.cursor/mcp.json`), then its
 * content: `servers` without `mcpServers` is VS Code's, `projects` is Claude Code's ~/.claude.json,
 * an `httpUrl` is Gemini CLI's, a `serverUrl` Windsurf's; other `mcpServers` files stay generic.
 */
export function detectClient(path: string, root: Record<string, unknown>): ConfigClient {
  const slashed = path.replace(/\\/g, '/');
  const byPath = BY_PATH.find(([pattern]) => pattern.test(slashed));
  if (byPath) return byPath[1];
  if (isObject(root.servers) && root.mcpServers === undefined) return 'vscode';
  if (isObject(root.projects)) return 'claude-code';
  const entries = isObject(root.mcpServers) ? Object.values(root.mcpServers).filter(isObject) : [];
  if (entries.some((entry) => 'httpUrl' in entry)) return 'gemini-cli';
  if (entries.some((entry) => 'serverUrl' in entry)) return 'windsurf';
  return 'mcp-json';
}
