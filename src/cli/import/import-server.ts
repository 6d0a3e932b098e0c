import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadServerFile } from '../../build/catalog/load.ts';
import { parseWithFriendlyErrors } from '../../core/errors/friendly.ts';
import type { Launch } from '../../core/import/client-config/prepare.ts';
import { describeChanges, mergeImport } from '../../core/import/merge.ts';
import { leakedSecrets, redactSecrets } from '../../core/import/redact.ts';
import { ServerFileSchema, type ServerFile, type ServerSource, type Tool } from '../../core/schema/server.ts';
import { ImportError, listServerTools } from './client.ts';
import { writeAtomically } from './write-atomically.ts';
import type { CommandIO } from '../io.ts';
import { shownPath } from '../shown-path.ts';

export interface ServerImport {
  launch: Launch;
  source: ServerSource;
  /** The data file's slug: made from the name the client gives the server. */
  slug: string;
  /** The long ones are replaced wherever they occur in what is written. */
  secrets: readonly string[];
}

export interface ImportSettings {
  catalog: string;
  timeoutMs: number;
  now: Date;
  /** Progress and warnings; the caller makes them safe to print. */
  say: (line: string) => void;
  /** The command's environment, part of which a stdio server gets. */
  env: CommandIO['env'];
  /** The command's working folder: data files are named relative to it in the report, and servers start there. */
  cwd: string;
}

/**
 * Lists a configured server's tools and writes <catalog>/servers/<slug>.json, merged with the file
 * there (its name, overrides and history kept) and recording where the server came from. Returns the
 * change report; throws an ImportError or DataError, having written nothing, when it cannot.
 */
export async function importConfiguredServer(server: ServerImport, settings: ImportSettings): Promise<string[]> {
  const listed = await listServerTools(server.launch, { timeoutMs: settings.timeoutMs, progress: settings.say, env: settings.env, cwd: settings.cwd });
  const { value: clean, count } = redactSecrets({ tools: listed.tools, server: listed.server }, server.secrets);
  if (count > 0) settings.say(`the server echoed a credential from the configuration into its tools or name (${count}×); it is written as [redacted]`);

  const path = join(settings.catalog, 'servers', `${server.slug}.json`);
  const shown = shownPath(path, settings.cwd);
  const existing: ServerFile | undefined = existsSync(path) ? loadServerFile(path, settings.cwd).data : undefined;
  const { file: merged, changes } = mergeImport({
    existing,
    tools: clean.tools as Tool[],
    now: settings.now,
    serverName: clean.server?.title ?? clean.server?.name ?? server.source.name,
    transport: listed.transport,
  });
  // Where the server comes from is the configuration's to say: it is brought up to date on each import.
  const before = existing?.source === undefined ? undefined : JSON.stringify(existing.source);
  const file: ServerFile = { ...merged, source: server.source };
  const report = describeChanges(shown, changes);
  if (existing && before !== JSON.stringify(server.source))
    report.push(`  * source: ${before === undefined ? 'recorded' : 'updated'} (${server.source.client} › ${server.source.name})`);
  parseWithFriendlyErrors(ServerFileSchema, file, shown);
  const text = `${JSON.stringify(redactSecrets(file, server.secrets).value, null, 2)}\n`;
  // A last guard: whatever path a credential took, it does not get written.
  if (leakedSecrets(text, server.secrets).length > 0) throw new ImportError('a credential from the configuration would end up in the data file', shown);
  if (!existing || readFileSync(path, 'utf8') !== text) writeAtomically(path, text, shown);
  return report;
}
