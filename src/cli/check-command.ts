import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { loadServerFile } from '../build/catalog/load.ts';
import { DataError } from '../core/errors/friendly.ts';
import { compareTools, describeDrift, hasDrifted } from '../core/history/drift.ts';
import { redactSecrets, redactText, secretsOf } from '../core/import/redact.ts';
import type { Tool } from '../core/schema/server.ts';
import { terminalSafe } from '../core/text/terminal-safe.ts';
import { ImportError } from './import/client.ts';
import { readTools } from './import/read-source.ts';
import { parseSourceArgs } from './import/source-args.ts';
import { runCommandLine, UsageError } from './command-line.ts';
import type { CommandIO } from './io.ts';
import { shownPath } from './shown-path.ts';

const PREFIX = 'policy-atlas check: ';

export const HELP = `Usage: policy-atlas check (--file <json> | --stdio "<command>" | --url <url>) --catalog <dir> --server <slug> [options]

Compares the tools a server lists now with the definitions in the catalog (<dir>/servers/<slug>.json)
and prints the tools added, removed and changed, with the same diff as the tool pages: description
words, parameters, annotations, and the changes that look like a rug pull.

Source (one of), read as \`import\` reads it:
  --file <json>            a saved tools/list result, a JSON-RPC response, an array of tools or a data file
  --stdio "<command>"      start the server and list its tools over stdio
  --url <url>              connect over Streamable HTTP, falling back to SSE (https; http only on localhost)

Options:
  --catalog <dir>          the catalog directory (it holds servers/<slug>.json)
  --server <slug>          which server of the catalog to compare with
  --env KEY=VALUE          environment for --stdio (repeatable)
  --header "Name: value"   HTTP header for --url (repeatable)
  --timeout <ms>           how long to wait for each answer (default: 60000)
  --client-name <name>     the client name sent in initialize (default: policy-atlas); a server can tell
                           the checker by its name and answer it alone with the reviewed definitions, so
                           check as the client you run, e.g. --client-name claude-code
  --client-version <v>     the client version sent with it (default: 0.1.0)

A name listed more than once is compared copy by copy, in list order. A tool whose text reaches the
100,000-character cap or whose schema reaches the 64-level nesting cap (where reading cuts) cannot
be compared in full: it counts as a difference.

Exit status: 0 the server lists what the catalog holds, 1 it differs, 2 usage error or the check
could not run (unknown server, unreadable file, a server that does not answer).`;

const CHECK_FLAGS = {
  catalog: z.string().min(1),
  server: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a server slug: lowercase letters, digits and single dashes'),
};

const MAX_LISTED_SLUGS = 10;

/**
 * The data file of `slug` in the catalog (as given, from `cwd`), and how to name it; a usage error
 * naming the slugs there when it has none.
 */
function serverFile(catalog: string, slug: string, cwd: string): { path: string; shown: string } {
  const dir = join(catalog, 'servers');
  const path = resolve(cwd, dir, `${slug}.json`);
  if (existsSync(path)) return { path, shown: shownPath(join(dir, `${slug}.json`), cwd) };
  const shown = shownPath(dir, cwd);
  let slugs: string[];
  try {
    slugs = readdirSync(resolve(cwd, dir))
      .filter((n) => n.endsWith('.json'))
      .map((n) => n.replace(/\.json$/, ''))
      .sort();
  } catch {
    throw new UsageError(`--catalog: ${shown} is not a directory (hint: a catalog holds servers/<server-slug>.json files)`);
  }
  const listed = slugs.slice(0, MAX_LISTED_SLUGS).join(', ') + (slugs.length > MAX_LISTED_SLUGS ? `, … (${slugs.length} in all)` : '');
  throw new UsageError(`--server: no server "${slug}" in ${shown}${slugs.length ? ` (hint: it has ${listed})` : ' (it holds no servers)'}`);
}

const parseCheckArgs = (args: readonly string[]) => parseSourceArgs(args, { command: 'policy-atlas check', flags: CHECK_FLAGS });

export function run(args: string[], io: CommandIO): Promise<number> {
  return runCommandLine(args, io, { prefix: PREFIX, help: HELP, parse: parseCheckArgs }, (options) => check(options, io));
}

async function check(options: ReturnType<typeof parseCheckArgs>, io: CommandIO): Promise<number> {
  const secrets = secretsOf(options.secretValues);
  // Server text and the user's credentials may reach any line: each is redacted, then made terminal-safe.
  const clean = (line: string) => terminalSafe(redactText(line, secrets));
  const say = (line: string) => io.err(`${PREFIX}${clean(line)}\n`);
  try {
    const { path, shown } = serverFile(options.flags.catalog, options.flags.server, io.cwd);
    const { data } = loadServerFile(path, io.cwd);
    const listed = await readTools(options.source, { timeoutMs: options.timeoutMs, progress: say, clientInfo: options.clientInfo, env: io.env, cwd: io.cwd });
    // As import writes them: a credential the server echoes reads [redacted] in the catalog too.
    const { value: tools } = redactSecrets(listed.tools, secrets);
    const drift = compareTools(data.tools, tools as Tool[]);
    io.out(`${describeDrift(shown, drift).map(clean).join('\n')}\n`);
    return hasDrifted(drift) ? 1 : 0;
  } catch (error) {
    if (error instanceof DataError) {
      error.lines.forEach(say);
      say('nothing was compared');
    } else if (error instanceof ImportError) {
      io.err(`${PREFIX}${error.message.split('\n').map(clean).join('\n')}\n`);
      say('nothing was compared');
    } else {
      throw error;
    }
    return 2;
  }
}
