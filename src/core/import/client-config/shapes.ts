import { z } from 'zod';

/**
 * The shapes of the configuration files, as loose as the clients read them: unknown keys are kept
 * (clients add their own: `alwaysAllow`, `trust`, `startup_timeout_sec`…), nulls read as absent.
 */
const scalar = z.union([z.string(), z.number(), z.boolean()]);

// VS Code lets an env value be null (remove the variable) or a number.
const EnvSchema = z.record(z.string(), scalar.nullable());

/** One entry of `mcpServers` (Claude, Cursor, Windsurf, Gemini CLI, Cline…) or of VS Code's `servers`. */
export const JsonServerSchema = z
  .looseObject({
    type: z.string().nullish(),
    command: z.string().min(1, 'must not be empty').nullish(),
    args: z.array(scalar).nullish(),
    env: EnvSchema.nullish(),
    cwd: z.string().nullish(),
    // VS Code, Cursor: a .env file whose variables the server gets too.
    envFile: z.string().min(1).nullish(),
    // Claude, Cursor, VS Code, Cline; Gemini CLI: `url` is SSE and `httpUrl` Streamable HTTP; Windsurf: `serverUrl`.
    url: z.string().nullish(),
    httpUrl: z.string().nullish(),
    serverUrl: z.string().nullish(),
    headers: z.record(z.string(), scalar).nullish(),
    disabled: z.boolean().nullish(),
  })
  .check((ctx) => {
    const entry = ctx.value;
    if (!entry.command && !entry.url && !entry.httpUrl && !entry.serverUrl) {
      ctx.issues.push({ code: 'custom', input: entry, message: 'needs "command" (a stdio server) or a URL ("url", "httpUrl" or "serverUrl")' });
    }
  });
export type JsonServer = z.output<typeof JsonServerSchema>;

const ServersSchema = z.record(z.string(), JsonServerSchema);

/** `mcpServers` files, Claude Code's `~/.claude.json` (with `projects`) and Gemini CLI's settings.json (with `mcp.excluded`). */
export const McpServersFileSchema = z.looseObject({
  mcpServers: ServersSchema.nullish(),
  projects: z
    .record(z.string(), z.looseObject({ mcpServers: ServersSchema.nullish(), disabledMcpServers: z.array(z.string()).nullish() }).nullable())
    .nullish(),
  mcp: z.looseObject({ excluded: z.array(z.string()).nullish() }).nullish(),
});

/** VS Code's mcp.json: `servers`, and the `inputs` VS Code prompts for. */
export const VsCodeFileSchema = z.looseObject({
  servers: ServersSchema.nullish(),
  inputs: z.array(z.looseObject({ id: z.string().min(1), description: z.string().nullish(), password: z.boolean().nullish() })).nullish(),
});

/** One `[mcp_servers.<name>]` table of Codex's config.toml. */
export const CodexServerSchema = z
  .looseObject({
    command: z.string().min(1, 'must not be empty').optional(),
    args: z.array(z.string()).optional(),
    env: z.record(z.string(), z.string()).optional(),
    // Names of variables passed on from Codex's own environment (newer versions also take `{ name = … }`).
    env_vars: z.array(z.union([z.string(), z.looseObject({ name: z.string() })])).optional(),
    cwd: z.string().optional(),
    url: z.string().optional(),
    bearer_token_env_var: z.string().min(1).optional(),
    http_headers: z.record(z.string(), z.string()).optional(),
    env_http_headers: z.record(z.string(), z.string()).optional(),
    enabled: z.boolean().optional(),
  })
  .check((ctx) => {
    if (!ctx.value.command && !ctx.value.url)
      ctx.issues.push({ code: 'custom', input: ctx.value, message: 'needs "command" (a stdio server) or "url" (Streamable HTTP)' });
  });
export type CodexServer = z.output<typeof CodexServerSchema>;

export const CodexFileSchema = z.looseObject({ mcp_servers: z.record(z.string(), CodexServerSchema).optional() });
