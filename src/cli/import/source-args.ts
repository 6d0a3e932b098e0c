import { z } from 'zod';
import { DataError, parseWithFriendlyErrors } from '../../core/errors/friendly.ts';
import { splitCommandLine } from '../../core/import/command-line.ts';
import { redactedUrl, urlSecrets } from '../../core/import/redact.ts';
import { MAX_TIMER_MS, type Target } from './client.ts';
import { DEFAULT_CLIENT_INFO } from './client-info.ts';
import { readArgs, UsageError, type OptionSpecs } from '../command-line.ts';

/** Where a command reads a server's tools: a saved file, or a live server. */
export type Source = { kind: 'file'; path: string } | Target;

export interface SourceOptions {
  source: Source;
  timeoutMs: number;
  /** The clientInfo sent to a live server (--client-name, --client-version). */
  clientInfo: { name: string; version: string };
  /** --env and --header values and the secret parts of --url, to keep out of files and the terminal. */
  secretValues: string[];
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** --url, checked here rather than by zod: its error would echo the URL whole, keys and all. */
function parseUrl(value: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError('--url: must be a URL, e.g. https://mcp.example.com/mcp');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
    throw new UsageError(`--url: must be an https URL (http only on localhost, since headers may carry credentials), got ${redactedUrl(url)}`);
  }
  return url;
}

// What fetch and spawn refuse in a header or environment value; their errors would print the value.
const BAD_HEADER_VALUE = /[\0\r\n]|[^\0-\xff]/;

const CLIENT_INFO = /^[\x21-\x7e](?:[\x20-\x7e]{0,198}[\x21-\x7e])?$/;
const CLIENT_INFO_RULE = 'must be 1 to 200 printable ASCII characters, e.g. claude-code';

/** The flags every command that reads a server takes: one source, and how long to wait for it. */
export const SOURCE_FLAGS = {
  file: z.string().min(1).optional(),
  stdio: z.string().trim().min(1, 'give the command that starts the server').optional(),
  url: z.string().min(1).optional(),
  timeout: z.coerce
    .number({ error: 'must be a number of milliseconds' })
    .int('must be a whole number of milliseconds')
    .positive('must be more than 0')
    .max(MAX_TIMER_MS, `must be at most ${MAX_TIMER_MS} ms (about 24 days)`)
    .optional(),
  // What the command calls itself in `initialize`: a server could answer its own name with the reviewed definitions only.
  'client-name': z.string().regex(CLIENT_INFO, CLIENT_INFO_RULE).optional(),
  'client-version': z.string().regex(CLIENT_INFO, CLIENT_INFO_RULE).optional(),
};

export interface ArgsSpec<Shape extends z.ZodRawShape> {
  /** `policy-atlas import`: how flag errors are worded. */
  command: string;
  /** The command's own value flags and switches (a switch's schema reads the value 'yes'). */
  flags: Shape;
  switches?: readonly string[];
}

/** Reads a command line of source flags and the command's own; flag errors go through the same friendly messages as data files. */
export function parseSourceArgs<Shape extends z.ZodRawShape>(args: readonly string[], spec: ArgsSpec<Shape>) {
  const schema = z.strictObject({ ...SOURCE_FLAGS, ...spec.flags });
  const switches = new Set(spec.switches ?? []);
  const optionSpecs: OptionSpecs = {
    ...Object.fromEntries(Object.keys(schema.shape).map((key) => [key, { type: switches.has(key) ? 'boolean' : 'string' }])),
    env: { type: 'string', multiple: true },
    header: { type: 'string', multiple: true },
  };
  const { values } = readArgs(args, optionSpecs);
  // The schema reads a switch as the value 'yes'.
  const flags = Object.fromEntries(
    Object.entries(values).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : value === true ? [[key, 'yes']] : [])),
  );
  const env: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const value of (values.env as string[] | undefined) ?? []) {
    // Only the name is ever echoed back: the value may be a credential.
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
    if (!match)
      throw new UsageError(
        value.includes('=') ? `--env: "${value.split('=')[0]!.slice(0, 40)}" is not a variable name (letters, digits, _)` : '--env must be KEY=VALUE',
      );
    if (match[2]!.includes('\0')) throw new UsageError(`--env ${match[1]}: the value has a NUL character, which no environment variable can hold`);
    env[match[1]!] = match[2]!;
  }
  for (const value of (values.header as string[] | undefined) ?? []) {
    const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/s.exec(value);
    if (!match) throw new UsageError('--header must be "Name: value", e.g. "Authorization: Bearer …"');
    if (BAD_HEADER_VALUE.test(match[2]!))
      throw new UsageError(`--header ${match[1]}: the value has a line break, a NUL or a character beyond Latin-1, which an HTTP header cannot carry`);
    headers[match[1]!] = match[2]!;
  }
  let parsed: z.output<typeof schema>;
  try {
    parsed = parseWithFriendlyErrors(schema, flags, spec.command);
  } catch (error) {
    if (error instanceof DataError)
      throw new UsageError(error.lines.map((line) => line.replace(new RegExp(`^${spec.command} › (?:(\\w+)|\\["([\\w-]+)"\\]):`), '--$1$2:')).join('\n'));
    throw error;
  }
  const { file, stdio, url, timeout, 'client-name': clientName, 'client-version': clientVersion } = parsed as z.output<z.ZodObject<typeof SOURCE_FLAGS>>;
  const sources = (['file', 'stdio', 'url'] as const).filter((s) => ({ file, stdio, url })[s] !== undefined);
  if (sources.length !== 1)
    throw new UsageError(
      sources.length === 0 ? 'say where the tools come from: --file, --stdio or --url' : `give one source, not ${sources.map((s) => `--${s}`).join(' and ')}`,
    );
  if (Object.keys(env).length > 0 && !stdio) throw new UsageError('--env goes with --stdio');
  if (Object.keys(headers).length > 0 && !url) throw new UsageError('--header goes with --url');
  if ((clientName !== undefined || clientVersion !== undefined) && file)
    throw new UsageError(`--${clientName !== undefined ? 'client-name' : 'client-version'} goes with --stdio or --url (a saved file has no client)`);

  let source: Source;
  if (file) source = { kind: 'file', path: file };
  else if (url) source = { kind: 'http', url: parseUrl(url), headers };
  else {
    let words: string[];
    try {
      words = splitCommandLine(stdio!);
    } catch (error) {
      throw new UsageError(`--stdio: ${(error as Error).message}`);
    }
    if (!words[0]) throw new UsageError('--stdio: give the command that starts the server');
    source = { kind: 'stdio', command: words[0], args: words.slice(1), env };
  }
  const options: SourceOptions = {
    source,
    timeoutMs: timeout ?? 60_000,
    clientInfo: { name: clientName ?? DEFAULT_CLIENT_INFO.name, version: clientVersion ?? DEFAULT_CLIENT_INFO.version },
    secretValues: [...Object.values(env), ...Object.values(headers), ...(source.kind === 'http' ? urlSecrets(source.url) : [])],
  };
  return { flags: parsed, ...options };
}
