import { redactedUrl, urlSecrets } from '../redact.ts';
import type { ServerSource } from '../../schema/server.ts';
import { VARIABLE_SYNTAX, type ConfigClient } from './clients.ts';
import type { ConfigServer } from './parse.ts';
import { parseDotenv } from './dotenv.ts';
import { recordedArgs } from './record-args.ts';
import { missingText, resolveVariables, type Missing, type VariableSources } from './variables.ts';

/** How to reach a server, every variable resolved: what the importer starts or connects to. */
export type Launch =
  { kind: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string } | { kind: 'http'; url: URL; headers: Record<string, string> };

export type Prepared =
  | { status: 'ready'; launch: Launch; /** Values to keep out of files and the terminal. */ secrets: string[]; source: ServerSource }
  /** `disabled`: the configuration turns it off (not a failure); `missing`: a variable or input is not given; `invalid`: it cannot be started as written. */
  | { status: 'skipped'; reason: string; cause: 'disabled' | 'missing' | 'invalid' };

export interface PrepareContext {
  client: ConfigClient;
  sources: VariableSources;
  /** The configuration file as shown to the user (`~/.claude.json`), recorded in the server file. */
  config?: string;
  /** VS Code's declared inputs, to say what a missing one asks for. */
  inputs?: readonly { id: string; description?: string }[];
  /** Reads an `envFile` (the caller owns the file system): its text, or why it cannot be read. */
  readEnvFile?: (path: string) => { text: string } | { error: string };
}

const ABSOLUTE_PATH = /^(?:\/|[A-Za-z]:[\\/])[^\s]*$/;
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

function parsedUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function missingReason(missing: { what: Missing; where: string }[], context: PrepareContext): string {
  const reasons: string[] = [];
  const inputs = [...new Set(missing.filter((m) => m.what.kind === 'input').map((m) => m.what.name))];
  if (inputs.length > 0) {
    const asks = inputs.map((id) => context.inputs?.find((input) => input.id === id)?.description).filter(Boolean);
    reasons.push(
      `needs ${inputs.map((id) => `\${input:${id}}`).join(', ')}${asks.length ? ` (${asks.map((a) => JSON.stringify(a)).join(', ')})` : ''}: pass ${inputs.map((id) => `--input ${id}=…`).join(' ')}`,
    );
  }
  const variables = missing.filter((m) => m.what.kind === 'env');
  const names = [...new Set(variables.map((m) => missingText(m.what)))];
  if (names.length > 0) {
    const many = names.length > 1;
    reasons.push(
      `the environment variable${many ? 's' : ''} ${names.join(', ')} ${many ? 'are' : 'is'} not set (used in ${[...new Set(variables.map((m) => m.where))].join(', ')}); set ${many ? 'them' : 'it'} as for the client`,
    );
  }
  return reasons.join('; ');
}

/**
 * A configured server made ready to start: variables resolved per the client's syntax, secrets
 * collected, and what the catalog records (command, arguments as written, names of variables and
 * headers; never a value). A disabled server, or one whose variables or inputs are missing, is skipped.
 */
export function prepareServer(server: ConfigServer, context: PrepareContext): Prepared {
  if (server.disabled) return { status: 'skipped', reason: `disabled in the configuration (${server.disabled})`, cause: 'disabled' };
  const syntax = VARIABLE_SYNTAX[context.client];
  const secrets: string[] = [];
  const missing: { what: Missing; where: string }[] = [];
  const envNames: string[] = [];
  const resolve = (text: string, where: string): string => {
    const resolved = resolveVariables(text, syntax, context.sources);
    // A variable holding an absolute path (${NODE}, ${PROJECT_ROOT}) names a place, not a credential;
    // an env or header value is a secret as a whole all the same.
    secrets.push(...resolved.values.filter((value) => !ABSOLUTE_PATH.test(value)));
    envNames.push(...resolved.names);
    missing.push(...resolved.missing.map((what) => ({ what, where })));
    return resolved.text;
  };
  const source: ServerSource = {
    client: context.client,
    name: server.name,
    ...(context.config ? { config: context.config } : {}),
    ...(server.project ? { project: server.project } : {}),
  };

  let launch: Launch;
  if (server.kind === 'stdio') {
    const command = resolve(server.command!, 'command');
    const args = server.args.map((arg, i) => resolve(arg, `args[${i}]`));
    const env: Record<string, string> = {};
    if (server.envFile !== undefined) {
      const path = resolve(server.envFile, 'envFile');
      const read = context.readEnvFile?.(path) ?? { error: 'no file reader' };
      if ('error' in read) return { status: 'skipped', reason: `its envFile ${path} cannot be read (${read.error})`, cause: 'invalid' };
      Object.assign(env, parseDotenv(read.text));
      secrets.push(...Object.values(env));
    }
    for (const [name, value] of Object.entries(server.env)) {
      if (value === null) {
        delete env[name];
        continue;
      }
      env[name] = resolve(value, `env.${name}`);
      secrets.push(env[name]);
    }
    for (const name of server.envPassthrough) {
      const value = context.sources.env[name];
      if (value === undefined) continue;
      env[name] = value;
      secrets.push(value);
    }
    const cwd = server.cwd === undefined ? undefined : resolve(server.cwd, 'cwd');
    launch = { kind: 'stdio', command, args, env, ...(cwd ? { cwd } : {}) };
    Object.assign(source, { command: server.command, args: recordedArgs(server.args, secrets) });
    const names = [...new Set([...Object.keys(env), ...envNames])].sort();
    if (names.length > 0) source.env = names;
  } else {
    const written = resolve(server.url!, 'url');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(server.headers)) headers[name] = resolve(value, `headers.${name}`);
    for (const [name, variable] of Object.entries(server.envHeaders)) {
      const value = context.sources.env[variable];
      if (value !== undefined) headers[name] = value;
      envNames.push(variable);
    }
    if (server.bearerTokenEnvVar) {
      const token = context.sources.env[server.bearerTokenEnvVar];
      envNames.push(server.bearerTokenEnvVar);
      if (token === undefined) missing.push({ what: { kind: 'env', name: server.bearerTokenEnvVar }, where: 'bearer_token_env_var' });
      else headers.Authorization = `Bearer ${token}`;
    }
    secrets.push(...Object.values(headers));
    if (missing.length > 0) return { status: 'skipped', reason: missingReason(missing, context), cause: 'missing' };
    const url = parsedUrl(written);
    if (!url) return { status: 'skipped', reason: 'its url is not a URL', cause: 'invalid' };
    secrets.push(...urlSecrets(url));
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
      return {
        status: 'skipped',
        reason: `its url must be https (http only on localhost, since headers may carry credentials), got ${redactedUrl(url)}`,
        cause: 'invalid',
      };
    }
    launch = { kind: 'http', url, headers };
    // As written, so that a variable in it stays a name; its secret parts replaced either way.
    source.url = redactedUrl(parsedUrl(server.url!) ?? url);
    if (Object.keys(headers).length > 0) source.headers = Object.keys(headers).sort();
    const names = [...new Set(envNames)].sort();
    if (names.length > 0) source.env = names;
  }
  if (missing.length > 0) return { status: 'skipped', reason: missingReason(missing, context), cause: 'missing' };
  return { status: 'ready', launch, secrets: [...new Set(secrets.filter(Boolean))], source };
}
