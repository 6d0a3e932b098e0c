import { z } from 'zod';
import { issueText, schemaIssues, type Issue } from '../../core/errors/friendly.ts';
import { splitCommandLine } from '../../core/import/command-line.ts';
import { redactedUrl, urlSecrets } from '../../core/import/redact.ts';
import { SLUG_PATTERN, SLUG_RULE } from '../../core/schema/server.ts';
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
  --name <name>            server name (default: the data file's; else what the server calls itself,
                           its serverInfo title or name; else made from the --out or --slug, else the
                           --file name: my-server.json gives "My Server")
  --slug <slug>            server slug (default: the --out file name, else made from the name)
  --update                 update data/servers/<slug>.json although its slug came from the server's own
                           name (without --out, --slug, --name or --update, such a file is not touched)
  --timeout <ms>           how long to wait for each answer (default: 60000, at most 2147483647);
                           the whole import may take 10 times as long
  --now <YYYY-MM-DD>       the date recorded as first seen / last changed (default: today)

A live import stops at 1000 pages, 100000 tools or 50 MB of responses; a stdio message may be up to
10 MB. Lines a stdio server writes to stdout that are not JSON-RPC are skipped with a warning, as MCP
clients do.

Credentials reach neither the data file nor the terminal: --env and --header values, and from --url
the user and password, every query value and key-like path segments (the one after /key/ or /token/,
or 20 characters or more mixing letters and digits). Where a server echoes one of 8 characters or
more, anywhere, it is replaced with [redacted]; shorter values (DEBUG=1) are not treated as secrets.`;

export interface ImportOptions {
  source: { kind: 'file'; path: string } | Target;
  out?: string;
  name?: string;
  slug?: string;
  /** --update: yes, update the existing data file named after what the server calls itself. */
  update: boolean;
  timeoutMs: number;
  now: Date;
  /** --env and --header values and the secret parts of --url, to keep out of the data file and the terminal. */
  secretValues: string[];
}

/** Thrown for a command line that cannot run; the command prints it with the usage text. */
export class UsageError extends Error {}

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

const FlagsSchema = z.strictObject({
  file: z.string().min(1).optional(),
  stdio: z.string().trim().min(1, 'give the command that starts the server').optional(),
  url: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  name: z.string().trim().min(1).optional(),
  slug: z.string().regex(SLUG_PATTERN, `must be ${SLUG_RULE}`).optional(),
  timeout: z.coerce.number({ error: 'must be a number of milliseconds' }).int('must be a whole number of milliseconds').positive('must be more than 0').max(MAX_TIMER_MS, `must be at most ${MAX_TIMER_MS} ms (about 24 days)`).optional(),
  now: z.iso.date('must be a date like 2025-01-31').optional(),
  update: z.literal('yes').optional(),
});

const VALUE_FLAGS = new Set(['file', 'stdio', 'url', 'out', 'name', 'slug', 'timeout', 'now']);
const SWITCHES = new Set(['update']);

/** `--timeout: must be …`: an issue's path is the flag it concerns, named as the user typed it. */
const flagIssueText = ({ path, ...issue }: Issue) => (path?.length === 1 ? issueText(issue, `--${path[0]}`) : issueText({ path, ...issue }, 'policy-atlas import'));

/** Reads the command line; flag errors go through the same friendly messages as data files. */
export function parseImportArgs(args: readonly string[]): ImportOptions {
  const flags: Record<string, string> = {};
  const env: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const key = arg.replace(/^--/, '');
    const value = args[i + 1];
    if (arg.startsWith('--') && SWITCHES.has(key)) {
      if (key in flags) throw new UsageError(`${arg} is given twice`);
      flags[key] = 'yes';
      continue;
    }
    if (!arg.startsWith('--') || !(VALUE_FLAGS.has(key) || key === 'env' || key === 'header')) throw new UsageError(`unexpected argument "${arg}"`);
    if (value === undefined) throw new UsageError(`${arg} needs a value`);
    i++;
    if (key === 'env') {
      // Only the name is ever echoed back: the value may be a credential.
      const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
      if (!match) throw new UsageError(value.includes('=') ? `--env: "${value.split('=')[0]!.slice(0, 40)}" is not a variable name (letters, digits, _)` : '--env must be KEY=VALUE');
      if (match[2]!.includes('\0')) throw new UsageError(`--env ${match[1]}: the value has a NUL character, which no environment variable can hold`);
      env[match[1]!] = match[2]!;
    } else if (key === 'header') {
      const match = /^([!#$%&'*+.^_`|~0-9A-Za-z-]+):\s*(.*)$/s.exec(value);
      if (!match) throw new UsageError('--header must be "Name: value", e.g. "Authorization: Bearer …"');
      if (BAD_HEADER_VALUE.test(match[2]!)) throw new UsageError(`--header ${match[1]}: the value has a line break, a NUL or a character beyond Latin-1, which an HTTP header cannot carry`);
      headers[match[1]!] = match[2]!;
    } else if (key in flags) {
      throw new UsageError(`${arg} is given twice`);
    } else {
      flags[key] = value;
    }
  }
  const checked = schemaIssues(FlagsSchema, flags);
  if (!checked.ok) throw new UsageError(checked.issues.map(flagIssueText).join('\n'));
  const parsed = checked.data;
  const sources = (['file', 'stdio', 'url'] as const).filter((s) => parsed[s] !== undefined);
  if (sources.length !== 1) throw new UsageError(sources.length === 0 ? 'say where the tools come from: --file, --stdio or --url' : `give one source, not ${sources.map((s) => `--${s}`).join(' and ')}`);
  if (Object.keys(env).length > 0 && !parsed.stdio) throw new UsageError('--env goes with --stdio');
  if (Object.keys(headers).length > 0 && !parsed.url) throw new UsageError('--header goes with --url');

  let source: ImportOptions['source'];
  if (parsed.file) source = { kind: 'file', path: parsed.file };
  else if (parsed.url) source = { kind: 'http', url: parseUrl(parsed.url), headers };
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
    update: parsed.update === 'yes',
    secretValues: [...Object.values(env), ...Object.values(headers), ...(source.kind === 'http' ? urlSecrets(source.url) : [])],
  };
}
