import { z } from 'zod';
import { DataError, parseWithFriendlyErrors } from '../../core/errors/friendly.ts';
import { splitCommandLine } from '../../core/import/command-line.ts';
import { MAX_TIMER_MS, type Target } from './client.ts';

export const HELP = `Usage: policy-atlas import (--file <json> | --stdio "<command>" | --url <url>) [options]

Reads a server's tool list and writes or updates its data file, keeping the editors' overrides and
server metadata, and prints which tools were added, removed or changed.

Source (one of):
  --file <json>            a saved tools/list result {"tools": [...]}, a JSON-RPC response, or an array of tools
  --stdio "<command>"      start the server and list its tools over stdio, e.g. --stdio "npx -y @scope/server"
  --url <url>              connect over Streamable HTTP, falling back to SSE (https; http only on localhost)

Options:
  --env KEY=VALUE          environment for --stdio (repeatable)
  --header "Name: value"   HTTP header for --url (repeatable), e.g. "Authorization: Bearer …"
  --out <file>             the data file to write (default: data/servers/<slug>.json)
  --name <name>            server name (default: the data file's, else what the server calls itself)
  --slug <slug>            server slug (default: the file name, else made from the name)
  --timeout <ms>           how long to wait for each answer (default: 60000)
  --now <YYYY-MM-DD>       the date recorded as first seen / last changed (default: today)

--env and --header values never reach the data file: where a server echoes one (6 characters or
more) into its tools, it is replaced with [redacted].`;

export interface ImportOptions {
  source: { kind: 'file'; path: string } | Target;
  out?: string;
  name?: string;
  slug?: string;
  timeoutMs: number;
  now: Date;
  /** --env and --header values, to keep out of the data file. */
  secretValues: string[];
}

/** Thrown for a command line that cannot run; the command prints it with the usage text. */
export class UsageError extends Error {}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
const url = z.url({ error: 'must be a URL' }).refine((value) => {
  const parsed = new URL(value);
  return parsed.protocol === 'https:' || (parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname));
}, 'must be an https URL (http only on localhost, since headers may carry credentials)');

const FlagsSchema = z.strictObject({
  file: z.string().min(1).optional(),
  stdio: z.string().trim().min(1, 'give the command that starts the server').optional(),
  url: url.optional(),
  out: z.string().min(1).optional(),
  name: z.string().trim().min(1).optional(),
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters, digits and single dashes').optional(),
  timeout: z.coerce.number({ error: 'must be a number of milliseconds' }).int('must be a whole number of milliseconds').positive('must be more than 0').max(MAX_TIMER_MS, `must be at most ${MAX_TIMER_MS} ms (about 24 days)`).optional(),
  now: z.iso.date('must be a date like 2025-01-31').optional(),
});

const VALUE_FLAGS = new Set(['file', 'stdio', 'url', 'out', 'name', 'slug', 'timeout', 'now']);

/** Reads the command line; flag errors go through the same friendly messages as data files. */
export function parseImportArgs(args: readonly string[]): ImportOptions {
  const flags: Record<string, string> = {};
  const env: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const key = arg.replace(/^--/, '');
    const value = args[i + 1];
    if (!arg.startsWith('--') || !(VALUE_FLAGS.has(key) || key === 'env' || key === 'header')) throw new UsageError(`unexpected argument "${arg}"`);
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    i++;
    if (key === 'env') {
      // Only the name is ever echoed back: the value may be a credential.
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
      if (!match) throw new UsageError(value.includes('=') ? `--env: "${value.split('=')[0]!.slice(0, 40)}" is not a variable name (letters, digits, _)` : '--env must be KEY=VALUE');
      env[match[1]!] = match[2]!;
    } else if (key === 'header') {
      const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/s.exec(value);
      if (!match) throw new UsageError('--header must be "Name: value", e.g. "Authorization: Bearer …"');
      headers[match[1]!] = match[2]!;
    } else if (key in flags) {
      throw new UsageError(`${arg} is given twice`);
    } else {
      flags[key] = value;
    }
  }
  let parsed: z.output<typeof FlagsSchema>;
  try {
    parsed = parseWithFriendlyErrors(FlagsSchema, flags, 'policy-atlas import');
  } catch (error) {
    if (error instanceof DataError) throw new UsageError(error.lines.map((line) => line.replace(/^policy-atlas import › (\w+):/, '--$1:')).join('\n'));
    throw error;
  }
  const sources = (['file', 'stdio', 'url'] as const).filter((s) => parsed[s] !== undefined);
  if (sources.length !== 1) throw new UsageError(sources.length === 0 ? 'say where the tools come from: --file, --stdio or --url' : `give one source, not ${sources.map((s) => `--${s}`).join(' and ')}`);
  if (Object.keys(env).length > 0 && !parsed.stdio) throw new UsageError('--env goes with --stdio');
  if (Object.keys(headers).length > 0 && !parsed.url) throw new UsageError('--header goes with --url');

  let source: ImportOptions['source'];
  if (parsed.file) source = { kind: 'file', path: parsed.file };
  else if (parsed.url) source = { kind: 'http', url: new URL(parsed.url), headers };
  else {
    let words: string[];
    try {
      words = splitCommandLine(parsed.stdio!);
    } catch (error) {
      throw new UsageError(`--stdio: ${(error as Error).message}`);
    }
    if (!words[0]) throw new UsageError('--stdio: give the command that starts the server');
    source = { kind: 'stdio', command: words[0], args: words.slice(1), env };
  }
  return {
    source,
    ...(parsed.out ? { out: parsed.out } : {}),
    ...(parsed.name ? { name: parsed.name } : {}),
    ...(parsed.slug ? { slug: parsed.slug } : {}),
    timeoutMs: parsed.timeout ?? 60_000,
    now: parsed.now ? new Date(`${parsed.now}T00:00:00Z`) : new Date(),
    secretValues: [...Object.values(env), ...Object.values(headers)],
  };
}
