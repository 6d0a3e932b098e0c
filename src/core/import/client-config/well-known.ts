import { posix, win32 } from 'node:path';
import type { ClientName } from './clients.ts';

export interface MachineFolders {
  platform: string;
  home: string;
  /** Windows: %APPDATA% (default: <home>\AppData\Roaming). */
  appData?: string;
  /** Linux: $XDG_CONFIG_HOME (default: ~/.config). */
  xdgConfigHome?: string;
  /** Codex: $CODEX_HOME (default: ~/.codex). */
  codexHome?: string;
  /** The project folder, for the configurations a project keeps (.mcp.json, .vscode/mcp.json…). */
  cwd: string;
}

export interface WellKnownConfig {
  client: ClientName;
  path: string;
  scope: 'user' | 'project';
}

/**
 * Where each client keeps its MCP configuration on this machine, by its documentation: user files
 * under the home folder or the OS's application-data folder, then the project's own files.
 */
export function wellKnownConfigs(folders: MachineFolders): WellKnownConfig[] {
  const path = folders.platform === 'win32' ? win32 : posix;
  const { home, cwd } = folders;
  // Where desktop apps (Claude Desktop, VS Code) keep their settings.
  const appSupport =
    folders.platform === 'darwin'
      ? path.join(home, 'Library', 'Application Support')
      : folders.platform === 'win32'
        ? (folders.appData ?? path.join(home, 'AppData', 'Roaming'))
        : folders.xdgConfigHome || path.join(home, '.config');
  const vscodeUser = path.join(appSupport, 'Code', 'User');
  const extension = (id: string, file: string) => path.join(vscodeUser, 'globalStorage', id, 'settings', file);
  const user = (client: ClientName, file: string): WellKnownConfig => ({ client, path: file, scope: 'user' });
  const project = (client: ClientName, ...parts: string[]): WellKnownConfig => ({ client, path: path.join(cwd, ...parts), scope: 'project' });
  const all = [
    user('claude-desktop', path.join(appSupport, 'Claude', 'claude_desktop_config.json')),
    user('claude-code', path.join(home, '.claude.json')),
    user('cursor', path.join(home, '.cursor', 'mcp.json')),
    user('windsurf', path.join(home, '.codeium', 'windsurf', 'mcp_config.json')),
    user('gemini-cli', path.join(home, '.gemini', 'settings.json')),
    user('vscode', path.join(vscodeUser, 'mcp.json')),
    user('cline', extension('saoudrizwan.claude-dev', 'cline_mcp_settings.json')),
    user('cline', path.join(home, '.cline', 'data', 'settings', 'cline_mcp_settings.json')),
    user('roo', extension('rooveterinaryinc.roo-cline', 'mcp_settings.json')),
    user('kilo', extension('kilocode.kilo-code', 'mcp_settings.json')),
    user('codex', path.join(folders.codexHome || path.join(home, '.codex'), 'config.toml')),
    project('claude-code', '.mcp.json'),
    project('vscode', '.vscode', 'mcp.json'),
    project('cursor', '.cursor', 'mcp.json'),
    project('gemini-cli', '.gemini', 'settings.json'),
    project('roo', '.roo', 'mcp.json'),
    project('kilo', '.kilocode', 'mcp.json'),
    project('codex', '.codex', 'config.toml'),
  ];
  // In the home folder, a project file is the user file: list it once.
  const seen = new Set<string>();
  return all.filter((config) => !seen.has(config.path) && seen.add(config.path));
}
