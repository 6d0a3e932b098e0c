import { z } from 'zod';
import { DataError, parseWithFriendlyErrors } from '../../core/errors/friendly.ts';
import { CLIENTS, type ClientName } from '../../core/import/client-config/clients.ts';
import { readArgs, UsageError } from '../command-line.ts';
import { SOURCE_FLAGS } from './source-args.ts';

export const CONFIG_HELP = `Usage: policy-atlas import --config <file> [--catalog <dir>] [options]
       policy-atlas import --discover [--catalog <dir>] [options]

Reads an MCP client's configuration and imports every server it lists into <dir>/servers/<name>.json
(the name the client gives the server, as a slug), each as \`import --stdio\` or \`--url\` would, merged
with the file already there. Without --catalog, lists the servers and starts none.

  --config <file>          Claude Desktop, Claude Code (.mcp.json, ~/.claude.json), Cursor, Windsurf,
                           Gemini CLI (settings.json), Cline, Roo, Kilo (mcpServers), VS Code (mcp.json:
                           servers and inputs) or Codex (config.toml: [mcp_servers.<name>])
  --discover               the configuration files this machine's clients keep, user-wide and in the
                           current folder (.mcp.json, .vscode/mcp.json, .cursor/mcp.json, .gemini/…)
  --catalog <dir>          the catalog to write into (servers go to <dir>/servers/)
  --client <name>          read the file as this client's: ${CLIENTS.join(', ')}
                           (default: told from the file's name and content)
  --input <id>=<value>     a value for VS Code's \${input:<id>} (repeatable); a server that needs one
                           not given is skipped
  --timeout <ms>           how long to wait for each answer of each server (default: 60000)
  --now <YYYY-MM-DD>       the date recorded as first seen / last changed (default: today)

Variables are resolved as the client does (\${VAR}, \${VAR:-default}, \${env:VAR}, $VAR); a server that
needs an unset one is skipped and says which. Their values, env and header values and inputs reach
neither the data files nor the terminal: a data file records the command, the arguments as written
and the names of variables and headers, under "source".

Exit status: 0 all imported (disabled servers are skipped), 1 a server failed or could not be
started as configured (the others are written), 2 a configuration file that cannot be read.`;

export interface ConfigImportOptions {
  mode: { kind: 'config'; path: string } | { kind: 'discover' };
  catalog?: string;
  client?: ClientName;
  inputs: Record<string, string>;
  timeoutMs: number;
  now: Date;
}

const FLAGS = z.strictObject({
  config: z.string().min(1).optional(),
  catalog: z.string().min(1).optional(),
  client: z.enum(CLIENTS).optional(),
  timeout: SOURCE_FLAGS.timeout,
  now: z.iso.date('must be a date like 2025-01-31').optional(),
});

/** Whether a command line asks for an import from client configurations rather than of one server. */
export const isConfigImport = (args: readonly string[]) => args.includes('--config') || args.includes('--discover');

// The flags of a single server's import: named when given here, where they do not belong.
const SINGLE_SERVER_FLAGS = ['--stdio', '--url', '--file', '--env', '--header', '--out'];

export function parseConfigImportArgs(args: readonly string[]): ConfigImportOptions {
  const { values } = readArgs(
    args,
    {
      ...Object.fromEntries(Object.keys(FLAGS.shape).map((key) => [key, { type: 'string' as const }])),
      input: { type: 'string', multiple: true },
      discover: { type: 'boolean' },
    },
    {
      wording: {
        unknownOption: (option) =>
          `unexpected argument "${option}"${SINGLE_SERVER_FLAGS.includes(option) ? " (it goes with a single server's import, not with --config or --discover)" : ''}`,
      },
    },
  );
  const { input, discover = false, ...flags } = values as { input?: string[]; discover?: boolean } & Record<string, string>;
  const inputs: Record<string, string> = {};
  for (const value of input ?? []) {
    // Only the id is ever echoed back: the value is a credential as often as not.
    const match = /^([^=\s]+)=(.*)$/s.exec(value);
    if (!match) throw new UsageError('--input must be id=value, e.g. --input github-token=…');
    inputs[match[1]!] = match[2]!;
  }
  let parsed: z.output<typeof FLAGS>;
  try {
    parsed = parseWithFriendlyErrors(FLAGS, flags, 'policy-atlas import');
  } catch (error) {
    if (error instanceof DataError) throw new UsageError(error.lines.map((line) => line.replace(/^policy-atlas import › (\w+):/, '--$1:')).join('\n'));
    throw error;
  }
  if (discover === (parsed.config !== undefined))
    throw new UsageError(discover ? 'give --config or --discover, not both' : 'give --config <file> or --discover');
  if (discover && parsed.client) throw new UsageError("--client goes with --config: --discover knows each file's client");
  return {
    mode: discover ? { kind: 'discover' } : { kind: 'config', path: parsed.config! },
    ...(parsed.catalog ? { catalog: parsed.catalog } : {}),
    ...(parsed.client ? { client: parsed.client } : {}),
    inputs,
    timeoutMs: parsed.timeout ?? 60_000,
    now: parsed.now ? new Date(`${parsed.now}T00:00:00Z`) : new Date(),
  };
}
