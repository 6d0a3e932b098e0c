/**
 * The MCP clients whose configuration `import --config` reads, and how each writes a variable. The
 * syntaxes follow each client's documentation: Claude Code expands `${VAR}` and `${VAR:-default}`,
 * Gemini CLI `$VAR` and `${VAR}`, VS Code and Cursor `${env:VAR}` (VS Code also `${input:id}`), while
 * Claude Desktop, Cline and Codex take values as written (Codex names variables in keys of their own).
 */
export const CLIENTS = ['claude-desktop', 'claude-code', 'cursor', 'windsurf', 'gemini-cli', 'cline', 'roo', 'kilo', 'vscode', 'codex'] as const;
export type ClientName = (typeof CLIENTS)[number];
/** `mcp-json`: an `mcpServers` file whose client the path does not tell (a copied snippet, a custom name). */
export type ConfigClient = ClientName | 'mcp-json';

/** The ways a value may name a variable: `${VAR}`, `${VAR:-default}`, `${env:VAR}`, `$VAR`, `${input:id}`, `${userHome}`… */
export type VariableSyntax = 'braces' | 'braces-default' | 'env-prefix' | 'bare' | 'input' | 'editor';

export const VARIABLE_SYNTAX: Record<ConfigClient, readonly VariableSyntax[]> = {
  'claude-desktop': [],
  'claude-code': ['braces', 'braces-default'],
  cursor: ['env-prefix', 'editor'],
  windsurf: ['env-prefix'],
  'gemini-cli': ['braces', 'bare'],
  cline: [],
  roo: ['env-prefix'],
  kilo: ['env-prefix'],
  vscode: ['env-prefix', 'input', 'editor'],
  codex: [],
  // Unknown client: the forms that cannot be meant literally in practice; not `$VAR`, which shell-like args use.
  'mcp-json': ['braces', 'braces-default', 'env-prefix'],
};

/** What a user reads in messages: "Claude Code", not claude-code. */
export const CLIENT_LABELS: Record<ConfigClient, string> = {
  'claude-desktop': 'Claude Desktop',
  'claude-code': 'Claude Code',
  cursor: 'Cursor',
  windsurf: 'Windsurf',
  'gemini-cli': 'Gemini CLI',
  cline: 'Cline',
  roo: 'Roo Code',
  kilo: 'Kilo Code',
  vscode: 'VS Code',
  codex: 'Codex',
  'mcp-json': 'an mcpServers file',
};
