import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { z } from 'zod';
import { loadServerFile } from '../build/catalog/load.ts';
import { DataError } from '../core/errors/friendly.ts';
import { compareTools, describeDrift, hasDrifted } from '../core/history/drift.ts';
import { redactSecrets, redactText, secretsOf } from '../core/import/redact.ts';
import type { Tool } from '../core/schema/server.ts';
import { terminalSafe } from '../core/text/terminal-safe.ts';
import { ImportError } from './import/client.ts';
import { readTools } from './import/read-source.ts';
import { parseSourceArgs, UsageError } from './import/source-args.ts';

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

/** A path as the user would type it from here: relative below the working directory, else as given. */
function shownPath(path: string): string {
  const nearby = relative(process.cwd(), path);
  return nearby && !nearby.startsWith('..') ? nearby : path;
}

/** The data file of `slug` in the catalog; a usage error naming the slugs there when it has none. */
function serverFile(catalog: string, slug: string): string {
  const dir = join(catalog, 'servers');
  const path = join(dir, `${slug}.json`);
  if (existsSync(path)) return path;
  const shown = shownPath(dir);
  let slugs: string[];
  try {
    slugs = readdirSync(dir).filter((n) => n.endsWith('.json')).map((n) => n.replace(/\.json$/, '')).sort();
  } catch {
    throw new UsageError(`--catalog: ${shown} is not a directory (hint: a catalog holds servers/<server-slug>.json files)`);
  }
  const listed = slugs.slice(0, MAX_LISTED_SLUGS).join(', ') + (slugs.length > MAX_LISTED_SLUGS ? `, … (${slugs.length} in all)` : '');
  throw new UsageError(`--server: no server "${slug}" in ${shown}${slugs.length ? ` (hint: it has ${listed})` : ' (it holds no servers)'}`);
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  let secrets: string[] = [];
  // Server text and the user's credentials may reach any line: each is redacted, then made terminal-safe.
  const clean = (line: string) => terminalSafe(redactText(line, secrets));
  const say = (line: string) => console.error(`${PREFIX}${clean(line)}`);
  try {
    const options = parseSourceArgs(args, { command: 'policy-atlas check', flags: CHECK_FLAGS });
    secrets = secretsOf(options.secretValues);
    const path = serverFile(options.flags.catalog, options.flags.server);
    const { data } = loadServerFile(path);
    const listed = await readTools(options.source, options.timeoutMs, say, options.clientInfo);
    // As import writes them: a credential the server echoes reads [redacted] in the catalog too.
    const { value: tools } = redactSecrets(listed.tools, secrets);
    const drift = compareTools(data.tools, tools as Tool[]);
    console.log(describeDrift(shownPath(path), drift).map(clean).join('\n'));
    return hasDrifted(drift) ? 1 : 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${PREFIX}${error.message}\n\n${HELP}`);
    } else if (error instanceof DataError) {
      error.lines.forEach(say);
      say('nothing was compared');
    } else if (error instanceof ImportError) {
      console.error(`${PREFIX}${error.message.split('\n').map(clean).join('\n')}`);
      say('nothing was compared');
    } else {
      throw error;
    }
    return 2;
  }
}
