import type { Policy } from '../policy/schema.ts';
import { agentgatewayAuthorization } from './agentgateway.ts';
import { claudeCodeName, claudeCodePermissions } from './claude-code.ts';

/** One policy as one dialect, laid out for a page: what to call it, where it goes, what it drops. */
export interface DialectSnippet {
  id: 'claude-code' | 'agentgateway';
  title: string;
  filename: string;
  /** Where the fragment goes, in the words of the tool's own docs. */
  placement: string;
  json: string;
  lost: string[];
}

/** The page's policy for Claude Code and for agentgateway; `serverKey` stands in for the user's name for the server. */
export function dialectSnippets(serverKey: string, policy: Policy): DialectSnippet[] {
  const claude = claudeCodePermissions(serverKey, policy);
  const gateway = agentgatewayAuthorization(serverKey, policy);
  return [
    {
      id: 'claude-code',
      title: 'Claude Code',
      filename: 'settings.json',
      placement: `Merge into .claude/settings.json (this project) or ~/.claude/settings.json (every project). The rules name the server mcp__${claudeCodeName(serverKey)}: if your MCP configuration gives it another name, use that one, with every character other than letters, digits, _ and - written as _.`,
      json: JSON.stringify(claude.fragment, null, 2),
      lost: claude.lost,
    },
    {
      id: 'agentgateway',
      title: 'agentgateway',
      filename: 'agentgateway-mcp-authorization.json',
      placement: `Merge into your agentgateway configuration file (YAML accepts this JSON as it is). The rules expect the server's entry under mcp.targets to be named ${serverKey}: if yours has another name, change the mcp.tool.target tests.`,
      json: JSON.stringify(gateway.fragment, null, 2),
      lost: gateway.lost,
    },
  ];
}
