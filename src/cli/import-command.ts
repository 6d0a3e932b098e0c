import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { loadServerFile } from '../core/catalog/load.ts';
import { slugify } from '../core/catalog/slug.ts';
import { DataError, parseWithFriendlyErrors } from '../core/errors/friendly.ts';
import { describeChanges, mergeImport } from '../core/import/merge.ts';
import { mergeToolPages, parseToolsListText, type ServerInfo } from '../core/import/parse-tools-list.ts';
import { leakedSecrets, redactSecrets, secretsOf } from '../core/import/redact.ts';
import { ServerFileSchema, type ServerFile, type Tool } from '../core/schema/server.ts';
import { ImportError, listServerTools, type ListedTools } from './import/client.ts';
import { HELP, parseImportArgs, UsageError, type ImportOptions } from './import/options.ts';

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const progress = (message: string) => process.stderr.write(`policy-atlas import: ${message}\n`);

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  let options: ImportOptions;
  try {
    options = parseImportArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`policy-atlas import: ${error.message}\n\n${HELP}`);
    return 2;
  }
  try {
    await importTools(options);
    return 0;
  } catch (error) {
    if (error instanceof DataError) console.error(error.lines.map((line) => `policy-atlas import: ${line}`).join('\n'));
    else if (error instanceof ImportError) console.error(`policy-atlas import: ${error.message}`);
    else throw error;
    console.error('policy-atlas import: nothing was written');
    return 1;
  }
}

async function readSource(options: ImportOptions): Promise<Omit<ListedTools, 'transport'> & { transport?: ListedTools['transport'] }> {
  if (options.source.kind !== 'file') return listServerTools(options.source, { timeoutMs: options.timeoutMs, progress });
  const { path } = options.source;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ImportError(`${path}: cannot read the file (${(error as Error).message})`);
  }
  const page = parseToolsListText(text, path);
  for (const note of page.notes ?? []) progress(note);
  if (page.nextCursor) progress(`${path} has a nextCursor: it holds one page of the list, and only that page is imported`);
  return { tools: mergeToolPages([{ context: path, tools: page.tools }]), ...(page.server ? { server: page.server } : {}) };
}

/** The file to write: --out, else data/servers/<slug>.json; its name must be a slug, as the catalog loader requires. */
function targetPath(options: ImportOptions, server: ServerInfo | undefined): string {
  const name = options.name ?? server?.title ?? server?.name;
  const out = options.out ?? (options.slug || name ? join('data', 'servers', `${options.slug ?? slugify(name!)}.json`) : undefined);
  if (!out) throw new ImportError('the input does not say which server it is: pass --name "…" or --out data/servers/<slug>.json');
  const fileSlug = basename(out).replace(/\.json$/, '');
  if (!out.endsWith('.json') || !SLUG.test(fileSlug)) throw new ImportError(`--out ${out}: the file name must be the server slug and end in .json, e.g. data/servers/my-server.json`);
  if (options.slug && options.slug !== fileSlug) throw new ImportError(`--slug "${options.slug}" differs from the file name "${fileSlug}" (hint: the catalog names each data file after its slug)`);
  return out;
}

/** Temp file then rename: an interrupted import never leaves half a data file. */
function writeAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ImportError(`${path}: cannot write the file (${(error as Error).message})`);
  }
}

async function importTools(options: ImportOptions): Promise<void> {
  const listed = await readSource(options);
  const secrets = secretsOf(options.secretValues);
  const { value: clean, count } = redactSecrets({ tools: listed.tools, server: listed.server }, secrets);
  if (count > 0) progress(`the server echoed --env/--header values into its tools (${count}×); they are written as [redacted]`);

  const out = targetPath(options, clean.server);
  const nearby = relative(process.cwd(), out);
  const shown = nearby && !nearby.startsWith('..') ? nearby : out;
  const existing: ServerFile | undefined = existsSync(out) ? loadServerFile(out).data : undefined;
  const { file, changes } = mergeImport({
    existing,
    tools: clean.tools as Tool[],
    now: options.now,
    ...(options.name ? { name: options.name } : {}),
    ...(options.slug ? { slug: options.slug } : {}),
    ...(clean.server?.title ?? clean.server?.name ? { serverName: (clean.server?.title ?? clean.server?.name)! } : {}),
    ...(listed.transport ? { transport: listed.transport } : {}),
  });
  parseWithFriendlyErrors(ServerFileSchema, file, shown);
  const text = `${JSON.stringify(file, null, 2)}\n`;
  // A last guard: whatever path a credential took, it does not get written.
  if (leakedSecrets(text, secrets).length > 0) throw new ImportError(`${shown}: an --env or --header value would end up in the data file`);
  if (!existing || readFileSync(out, 'utf8') !== text) writeAtomically(out, text);
  console.log(describeChanges(shown, changes).join('\n'));
}
