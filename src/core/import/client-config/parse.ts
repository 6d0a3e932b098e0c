import type { z } from 'zod';
import { DataError, issueText, schemaIssues } from '../../errors/friendly.ts';
import { parseJsonText, syntaxAt, withoutByteOrderMark } from '../../errors/json-text.ts';
import { parseTomlFile } from '../../errors/toml-text.ts';
import type { ClientName, ConfigClient } from './clients.ts';
import { detectClient } from './detect.ts';
import { jsoncToJson } from './jsonc.ts';
import { CodexFileSchema, McpServersFileSchema, VsCodeFileSchema, type CodexServer, type JsonServer } from './shapes.ts';

/** One server as the configuration lists it, values as written (variables not yet resolved). */
export interface ConfigServer {
  /** The name the client gives it: the key of its entry. */
  name: string;
  /** Where the entry is in the file, for messages: ['projects', '/home/me/app', 'mcpServers', 'memory']. */
  path: (string | number)[];
  /** Claude Code: the project folder whose `mcpServers` list it. */
  project?: string;
  /** Why the client does not start it (`"disabled": true`, `enabled = false`…); absent when it does. */
  disabled?: string;
  kind: 'stdio' | 'http';
  command?: string;
  args: string[];
  /** null: VS Code's "remove this variable". */
  env: Record<string, string | null>;
  cwd?: string;
  /** VS Code, Cursor: a .env file read for the server's environment (`env` wins over it). */
  envFile?: string;
  url?: string;
  headers: Record<string, string>;
  /** Codex: variables passed on from the environment by name, a bearer token's variable, headers from variables. */
  envPassthrough: string[];
  bearerTokenEnvVar?: string;
  envHeaders: Record<string, string>;
}

export interface ClientConfig {
  client: ConfigClient;
  servers: ConfigServer[];
  /** VS Code: the inputs the file declares (id and what it asks for). */
  inputs: { id: string; description?: string }[];
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);

/**
 * Shape errors name the JSON path but never echo a string value: in a configuration file it may be a
 * credential (an `args` given as one string, an env value where an object was expected).
 */
function checkShape<S extends z.ZodType>(schema: S, value: unknown, file: string): z.output<S> {
  const result = schemaIssues(schema, value);
  if (result.ok) return result.data;
  throw new DataError(result.issues.map((issue) => issueText({ ...issue, message: issue.message.replace(/the string ".*$/s, 'a string') }, file)));
}

function readJson(text: string, file: string): unknown {
  const plain = parseJsonText(withoutByteOrderMark(text));
  if (plain.ok) return plain.value;
  // Comments and trailing commas are fine in VS Code's and Gemini CLI's files; report the plain parser's position otherwise.
  const relaxed = parseJsonText(jsoncToJson(withoutByteOrderMark(text)));
  if (relaxed.ok) return relaxed.value;
  // The scanner quotes the token it stopped at, which may be a credential: say only what kind it is.
  const message = syntaxAt(relaxed.issue).replace(/got "(?:[^"\\]|\\.)*"/, 'got a string or word');
  throw new DataError([issueText({ message: `not valid JSON: ${message}`, hint: 'check for a missing comma, quote or brace' }, file)]);
}

const strings = (values: readonly (string | number | boolean)[] | null | undefined) => (values ?? []).map(String);
const stringRecord = (record: Record<string, string | number | boolean> | null | undefined) =>
  Object.fromEntries(Object.entries(record ?? {}).map(([k, v]) => [k, String(v)]));

function fromJsonEntry(name: string, entry: JsonServer, path: ConfigServer['path'], extra: Partial<ConfigServer>): ConfigServer {
  const url = entry.httpUrl ?? entry.serverUrl ?? entry.url ?? undefined;
  const stdio = Boolean(entry.command) && (entry.type == null || entry.type === 'stdio' || !url);
  return {
    name,
    path,
    kind: stdio ? 'stdio' : 'http',
    ...(stdio ? { command: entry.command! } : { url: url! }),
    args: stdio ? strings(entry.args) : [],
    env: stdio ? Object.fromEntries(Object.entries(entry.env ?? {}).map(([k, v]) => [k, v === null ? null : String(v)])) : {},
    ...(stdio && entry.cwd ? { cwd: entry.cwd } : {}),
    ...(stdio && entry.envFile ? { envFile: entry.envFile } : {}),
    headers: stdio ? {} : stringRecord(entry.headers),
    envPassthrough: [],
    envHeaders: {},
    ...(entry.disabled ? { disabled: '"disabled": true' } : {}),
    ...extra,
  };
}

function jsonServers(
  servers: Record<string, JsonServer> | null | undefined,
  at: ConfigServer['path'],
  extra: (name: string) => Partial<ConfigServer> = () => ({}),
): ConfigServer[] {
  return Object.entries(servers ?? {}).map(([name, entry]) => fromJsonEntry(name, entry, [...at, name], extra(name)));
}

function fromCodexEntry(name: string, entry: CodexServer): ConfigServer {
  const stdio = Boolean(entry.command);
  return {
    name,
    path: ['mcp_servers', name],
    kind: stdio ? 'stdio' : 'http',
    ...(stdio ? { command: entry.command! } : { url: entry.url! }),
    args: stdio ? (entry.args ?? []) : [],
    env: stdio ? (entry.env ?? {}) : {},
    ...(stdio && entry.cwd ? { cwd: entry.cwd } : {}),
    headers: stdio ? {} : (entry.http_headers ?? {}),
    envPassthrough: stdio ? (entry.env_vars ?? []).map((v) => (typeof v === 'string' ? v : v.name)) : [],
    ...(!stdio && entry.bearer_token_env_var ? { bearerTokenEnvVar: entry.bearer_token_env_var } : {}),
    envHeaders: stdio ? {} : (entry.env_http_headers ?? {}),
    ...(entry.enabled === false ? { disabled: 'enabled = false' } : {}),
  };
}

/**
 * The servers a client's configuration file lists. The format is told from the file (its extension,
 * its top-level keys, its path) unless `client` says; throws a DataError naming the file and the line
 * (syntax) or the JSON path (shape).
 */
export function parseClientConfig(text: string, options: { path: string; client?: ClientName }): ClientConfig {
  const { path } = options;
  const isToml = options.client === 'codex' || (options.client === undefined && /\.toml$/i.test(path));
  const root = isToml ? parseTomlFile(text, path) : readJson(text, path);
  if (!isObject(root))
    throw new DataError([
      issueText(
        {
          path: [],
          message: 'expected an object at the top of the file',
          hint: 'a client configuration is an object with "mcpServers", "servers" or [mcp_servers] tables',
        },
        path,
      ),
    ]);
  const client = options.client ?? (isToml ? 'codex' : detectClient(path, root));

  if (client === 'codex') {
    const file = checkShape(CodexFileSchema, root, path);
    return { client, servers: Object.entries(file.mcp_servers ?? {}).map(([name, entry]) => fromCodexEntry(name, entry)), inputs: [] };
  }
  if (client === 'vscode') {
    const file = checkShape(VsCodeFileSchema, root, path);
    const inputs = (file.inputs ?? []).map((input) => ({ id: input.id, ...(input.description ? { description: input.description } : {}) }));
    return { client, servers: jsonServers(file.servers, ['servers']), inputs };
  }
  if (client === 'mcp-json' && !('mcpServers' in root)) {
    throw new DataError([
      issueText(
        {
          path: [],
          message: `lists no MCP servers: expected "mcpServers" (Claude, Cursor, Gemini CLI, Windsurf, Cline…), "servers" (VS Code) or "projects" (~/.claude.json), got keys ${
            Object.keys(root)
              .slice(0, 5)
              .map((k) => JSON.stringify(k))
              .join(', ') || '(none)'
          }`,
          hint: 'pass a client configuration, or --client <name> if the file is one',
        },
        path,
      ),
    ]);
  }
  const file = checkShape(McpServersFileSchema, root, path);
  const excluded = new Set(file.mcp?.excluded ?? []);
  const servers = jsonServers(file.mcpServers, ['mcpServers'], (name) => (excluded.has(name) ? { disabled: 'listed in mcp.excluded' } : {}));
  for (const [project, settings] of Object.entries(file.projects ?? {})) {
    const off = new Set(settings?.disabledMcpServers ?? []);
    servers.push(
      ...jsonServers(settings?.mcpServers, ['projects', project, 'mcpServers'], (name) => ({
        project,
        ...(off.has(name) ? { disabled: `listed in projects[${JSON.stringify(project)}].disabledMcpServers` } : {}),
      })),
    );
  }
  return { client, servers, inputs: [] };
}
