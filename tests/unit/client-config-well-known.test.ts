import { describe, expect, it } from 'vitest';
import { wellKnownConfigs } from '../../src/core/import/client-config/well-known.ts';

const pick = (configs: ReturnType<typeof wellKnownConfigs>, client: string) => configs.filter((c) => c.client === client).map((c) => c.path);

describe('wellKnownConfigs: where each client keeps its configuration, per OS', () => {
  it("Linux: ~/.config (or $XDG_CONFIG_HOME) for desktop apps, dot folders for the CLIs, the project's own files", () => {
    const configs = wellKnownConfigs({ platform: 'linux', home: '/home/ann', cwd: '/home/ann/app' });
    expect(pick(configs, 'claude-desktop')).toEqual(['/home/ann/.config/Claude/claude_desktop_config.json']);
    expect(pick(configs, 'claude-code')).toEqual(['/home/ann/.claude.json', '/home/ann/app/.mcp.json']);
    expect(pick(configs, 'vscode')).toEqual(['/home/ann/.config/Code/User/mcp.json', '/home/ann/app/.vscode/mcp.json']);
    expect(pick(configs, 'cursor')).toEqual(['/home/ann/.cursor/mcp.json', '/home/ann/app/.cursor/mcp.json']);
    expect(pick(configs, 'gemini-cli')).toEqual(['/home/ann/.gemini/settings.json', '/home/ann/app/.gemini/settings.json']);
    expect(pick(configs, 'windsurf')).toEqual(['/home/ann/.codeium/windsurf/mcp_config.json']);
    expect(pick(configs, 'codex')).toEqual(['/home/ann/.codex/config.toml', '/home/ann/app/.codex/config.toml']);
    expect(pick(configs, 'cline')).toEqual([
      '/home/ann/.config/Code/User/globalStorage/saoudrizwan.claude-dev/settings/cline_mcp_settings.json',
      '/home/ann/.cline/data/settings/cline_mcp_settings.json',
    ]);
    expect(configs.filter((c) => c.scope === 'project').every((c) => c.path.startsWith('/home/ann/app/'))).toBe(true);
    expect(
      pick(wellKnownConfigs({ platform: 'linux', home: '/home/ann', cwd: '/x', xdgConfigHome: '/cfg', codexHome: '/codex' }), 'claude-desktop').concat(
        pick(wellKnownConfigs({ platform: 'linux', home: '/home/ann', cwd: '/x', codexHome: '/codex' }), 'codex'),
      ),
    ).toEqual(['/cfg/Claude/claude_desktop_config.json', '/codex/config.toml', '/x/.codex/config.toml']);
  });

  it('macOS: ~/Library/Application Support', () => {
    const configs = wellKnownConfigs({ platform: 'darwin', home: '/Users/ann', cwd: '/Users/ann/app' });
    expect(pick(configs, 'claude-desktop')).toEqual(['/Users/ann/Library/Application Support/Claude/claude_desktop_config.json']);
    expect(pick(configs, 'vscode')[0]).toBe('/Users/ann/Library/Application Support/Code/User/mcp.json');
    expect(pick(configs, 'roo')[0]).toBe(
      '/Users/ann/Library/Application Support/Code/User/globalStorage/rooveterinaryinc.roo-cline/settings/mcp_settings.json',
    );
  });

  it('Windows: %APPDATA%, else <home>\\AppData\\Roaming; backslashes', () => {
    const configs = wellKnownConfigs({ platform: 'win32', home: 'C:\\Users\\ann', cwd: 'D:\\app', appData: 'E:\\Roaming' });
    expect(pick(configs, 'claude-desktop')).toEqual(['E:\\Roaming\\Claude\\claude_desktop_config.json']);
    expect(pick(configs, 'claude-code')).toEqual(['C:\\Users\\ann\\.claude.json', 'D:\\app\\.mcp.json']);
    expect(pick(configs, 'kilo')).toEqual([
      'E:\\Roaming\\Code\\User\\globalStorage\\kilocode.kilo-code\\settings\\mcp_settings.json',
      'D:\\app\\.kilocode\\mcp.json',
    ]);
    expect(pick(wellKnownConfigs({ platform: 'win32', home: 'C:\\Users\\ann', cwd: 'D:\\app' }), 'vscode')[0]).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Code\\User\\mcp.json',
    );
  });

  it('in the home folder itself, a project file that is the user file is listed once', () => {
    const configs = wellKnownConfigs({ platform: 'linux', home: '/home/ann', cwd: '/home/ann' });
    expect(pick(configs, 'cursor')).toEqual(['/home/ann/.cursor/mcp.json']);
    expect(new Set(configs.map((c) => c.path)).size).toBe(configs.length);
  });
});
