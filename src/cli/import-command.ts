import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { loadServerFile } from '../build/catalog/load.ts';
import { DataError, parseWithFriendlyErrors } from '../core/errors/friendly.ts';
import { describeChanges, mergeImport } from '../core/import/merge.ts';
import { leakedSecrets, redactSecrets, redactText, secretsOf } from '../core/import/redact.ts';
import { ServerFileSchema, type ServerFile, type Tool } from '../core/schema/server.ts';
import { quoteForTerminal, terminalSafe } from '../core/text/terminal-safe.ts';
import { runCommandLine } from './command-line.ts';
import { ImportError } from './import/client.ts';
import type { CommandIO } from './io.ts';
import { shownPath } from './shown-path.ts';
import { isConfigImport } from './import/config-options.ts';
import { chooseDestination } from './import/destination.ts';
import { runConfigImport } from './import/from-config.ts';
import { HELP, parseImportArgs, type ImportOptions } from './import/options.ts';
import { readTools } from './import/read-source.ts';
import { writeAtomically } from './import/write-atomically.ts';

const PREFIX = 'policy-atlas import: ';

/**
 * Everything the command prints passes here: credentials replaced, control characters escaped, since
 * server text (its name, tool names, stderr, error messages) ends up in progress, errors and the report.
 */
interface Output {
  /** One line on stderr. */
  say: (line: string) => void;
  /** A message of ours that may run over lines (server text in it is already one line each). */
  sayLines: (message: string) => void;
  /** The change report, on stdout. */
  report: (lines: string[]) => void;
}

function output(secrets: readonly string[], io: CommandIO): Output {
  const clean = (line: string) => terminalSafe(redactText(line, secrets));
  return {
    say: (line) => io.err(`${PREFIX}${clean(line)}\n`),
    sayLines: (message) => io.err(`${PREFIX}${message.split('\n').map(clean).join('\n')}\n`),
    report: (lines) => io.out(`${lines.map(clean).join('\n')}\n`),
  };
}

export async function run(args: string[], io: CommandIO): Promise<number> {
  if (isConfigImport(args)) return runConfigImport(args, io);
  return runCommandLine(args, io, { prefix: PREFIX, help: HELP, parse: parseImportArgs }, async (options) => {
    const secrets = secretsOf(options.secretValues);
    const out = output(secrets, io);
    try {
      await importTools(options, secrets, out, io);
      return 0;
    } catch (error) {
      // A DataError line is one line by construction: any line break in it came from the data.
      if (error instanceof DataError) error.lines.forEach(out.say);
      else if (error instanceof ImportError) out.sayLines(error.message);
      else throw error;
      out.say('nothing was written');
      return 1;
    }
  });
}

async function importTools(options: ImportOptions, secrets: readonly string[], out: Output, io: CommandIO): Promise<void> {
  const listed = await readTools(options.source, { timeoutMs: options.timeoutMs, progress: out.say, clientInfo: options.clientInfo, env: io.env, cwd: io.cwd });
  const { value: clean, count } = redactSecrets({ tools: listed.tools, server: listed.server }, secrets);
  if (count > 0) out.say(`the server echoed --env/--header/--url credentials into its tools or name (${count}×); they are written as [redacted]`);

  const destination = chooseDestination(options, clean.server);
  const path = resolve(io.cwd, destination.path);
  const shown = shownPath(destination.path, io.cwd);
  const existing: ServerFile | undefined = existsSync(path) ? loadServerFile(path, io.cwd).data : undefined;
  // A server must not pick which data file it replaces: "Github" would overwrite github.json.
  if (existing && destination.chosenByServer && !options.update) {
    throw new ImportError({
      message: `${shown} already exists, and only the server's own name (${quoteForTerminal(destination.name)}) points there`,
      hint: `to update it, pass --out ${shown}, --slug ${basename(shown, '.json')} or --update; for a new file, pass --out or --name`,
    });
  }
  const name = options.name ?? existing?.name ?? destination.name;
  out.say(
    `name: ${quoteForTerminal(name)} (${options.name === undefined && existing ? `kept from ${shown}` : `from ${destination.nameFrom}`}${options.name === undefined ? '; pass --name to choose another' : ''})`,
  );

  const { file, changes } = mergeImport({
    existing,
    tools: clean.tools as Tool[],
    now: options.now,
    ...(options.name ? { name: options.name } : {}),
    ...(options.slug ? { slug: options.slug } : {}),
    serverName: destination.name,
    ...(listed.transport ? { transport: listed.transport } : {}),
  });
  parseWithFriendlyErrors(ServerFileSchema, file, shown);
  const text = `${JSON.stringify(file, null, 2)}\n`;
  // A last guard: whatever path a credential took, it does not get written.
  if (leakedSecrets(text, secrets).length > 0) throw new ImportError('an --env, --header or --url credential would end up in the data file', shown);
  if (!existing || readFileSync(path, 'utf8') !== text) writeAtomically(path, text, destination.path);
  out.report(describeChanges(shown, changes));
}
