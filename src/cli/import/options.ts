import { z } from 'zod';
import { parseSourceArgs, type SourceOptions } from './source-args.ts';

export { UsageError } from '../command-line.ts';
import { SLUG_PATTERN, SLUG_RULE } from '../../core/schema/server.ts';

export const HELP = `Usage: policy-atlas import (--file <json> | --stdio "<command>" | --url <url>) [options]
       policy-atlas import (--config <file> | --discover) [--catalog <dir>] [options]
                           every server of an MCP client's configuration (see: import --config --help)

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
  --client-name <name>     the client name sent in initialize (default: policy-atlas): a server may
                           list other tools to other clients, so import as the client you run
  --client-version <v>     the client version sent with it (default: 0.1.0)
  --now <YYYY-MM-DD>       the date recorded as first seen / last changed (default: today)

A live import stops at 1000 pages, 100000 tools or 50 MB of responses; a stdio message may be up to
10 MB. Lines a stdio server writes to stdout that are not JSON-RPC are skipped with a warning, as MCP
clients do.

Credentials reach neither the data file nor the terminal: --env and --header values, and from --url
the user and password, every query value and key-like path segments (the one after /key/ or /token/,
or 20 characters or more mixing letters and digits). Where a server echoes one of 8 characters or
more, anywhere, it is replaced with [redacted]; shorter values (DEBUG=1) are not treated as secrets.`;

export interface ImportOptions extends SourceOptions {
  out?: string;
  name?: string;
  slug?: string;
  /** --update: yes, update the existing data file named after what the server calls itself. */
  update: boolean;
  now: Date;
}

const IMPORT_FLAGS = {
  out: z.string().min(1).optional(),
  name: z.string().trim().min(1).optional(),
  slug: z.string().regex(SLUG_PATTERN, `must be ${SLUG_RULE}`).optional(),
  now: z.iso.date('must be a date like 2025-01-31').optional(),
  update: z.literal('yes').optional(),
};

/** Reads the command line; flag errors go through the same friendly messages as data files. */
export function parseImportArgs(args: readonly string[]): ImportOptions {
  const { flags, ...source } = parseSourceArgs(args, { command: 'policy-atlas import', flags: IMPORT_FLAGS, switches: ['update'] });
  return {
    ...source,
    ...(flags.out ? { out: flags.out } : {}),
    ...(flags.name ? { name: flags.name } : {}),
    ...(flags.slug ? { slug: flags.slug } : {}),
    now: flags.now ? new Date(`${flags.now}T00:00:00Z`) : new Date(),
    update: flags.update === 'yes',
  };
}
