import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { buildCatalog } from '../core/catalog/build-catalog.ts';
import { loadCatalogDir } from '../build/catalog/load.ts';
import type { LoadedServer } from '../core/catalog/server-file.ts';
import { POLICY_FORMATS, policyFormat, type PolicyFormat } from '../core/dialects/formats.ts';
import { DataError } from '../core/errors/friendly.ts';
import { clientServerName, stackPolicy } from '../core/flows/stack-policy.ts';
import { terminalSafe } from '../core/text/terminal-safe.ts';
import { plural } from '../core/text/plural.ts';
import { readArgs, runCommandLine, UsageError } from './command-line.ts';
import type { CommandIO } from './io.ts';
import { writeFileAtomic } from './write-atomic.ts';

const PREFIX = 'policy-atlas policy: ';
const FORMAT_IDS = Object.keys(POLICY_FORMATS);

export const HELP = `Usage: policy-atlas policy --catalog <dir> --for <format> [--servers a,b] [--strict]
                           [--out <file>] [--config <client file> [--write]]

Writes the recommended policy of a stack of servers, the one the site's /stack/ page shows: every
tool's recommended rule, and each toxic flow the servers make together broken by a person's
approval where it ends (each send, each deletion).
  --catalog <dir>     the catalog: <dir>/servers/*.json (import your servers into it first)
  --for <format>      ${FORMAT_IDS.join(', ')}
  --servers a,b       the servers of the stack, by slug or by the name your client gives them
                      (default: every server of the catalog)
  --strict            the strict cut: also deny each flow's leg with the fewest tools
  --out <file>        write there instead of to stdout
  --config <file>     the client's own file the format lives in (claude-code: .claude/settings.json,
                      codex: ~/.codex/config.toml, cline: cline_mcp_settings.json or Roo Code's
                      mcp_settings.json); prints (or writes to --out) that file's whole text with the
                      policy merged in, everything else kept; the file itself is left alone
  --write             with --config: write the merged text over that file (atomically)

Rules name each server as your client does: the server file's source name (import --config
records it), else its slug. What the format cannot say is printed on stderr.

Exit status: 0 written, 2 usage error, unreadable catalog or client file.`;

interface PolicyOptions {
  catalog: string;
  formatId: string;
  format: PolicyFormat;
  servers?: string[];
  strict: boolean;
  out?: string;
  config?: string;
  write: boolean;
}

const OPTIONS = {
  catalog: { type: 'string' },
  for: { type: 'string' },
  servers: { type: 'string' },
  strict: { type: 'boolean', default: false },
  out: { type: 'string' },
  config: { type: 'string' },
  write: { type: 'boolean', default: false },
} as const;

/** The options, their paths as given (resolved from the working folder when used). */
function parsePolicyArgs(args: string[]): PolicyOptions {
  const { values } = readArgs(args, OPTIONS, { wording: { unknownOption: (option) => `Unknown option '${option}'` } });
  if (!values.catalog) throw new UsageError('name the catalog: --catalog <dir>');
  if (!values.for) throw new UsageError(`name the format: --for <${FORMAT_IDS.join('|')}>`);
  const format = policyFormat(values.for);
  if (!format) throw new UsageError(`unknown format "${terminalSafe(values.for)}": one of ${FORMAT_IDS.join(', ')}`);
  if (values.write && !values.config) throw new UsageError('--write writes over the client file given with --config: name it');
  if (values.write && values.out) throw new UsageError('--write writes over the --config file: leave out --out');
  if (values.config && !format.intoConfig) throw new UsageError(`${values.for} is a file of its own, not part of a client's file: leave out --config`);
  const servers = values.servers
    ?.split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  if (values.servers !== undefined && servers!.length === 0) throw new UsageError('--servers names no server');
  return {
    catalog: values.catalog,
    formatId: values.for,
    format,
    ...(servers ? { servers } : {}),
    strict: values.strict,
    ...(values.out ? { out: values.out } : {}),
    ...(values.config ? { config: values.config } : {}),
    write: values.write,
  };
}

/**
 * The stack's servers in the order named, each found by slug or by its client name, picked before
 * they are rated: a large catalog's other servers cost only their reading.
 */
function pickServers(all: readonly LoadedServer[], names: readonly string[] | undefined, catalogDir: string, cwd: string): LoadedServer[] {
  if (all.length === 0) throw new DataError([`${relative(cwd, catalogDir) || catalogDir}: the catalog holds no server (hint: import your servers first)`]);
  if (!names) return [...all];
  const clientName = (s: LoadedServer) => clientServerName({ slug: s.slug, meta: s.data });
  const missing = names.filter((name) => !all.some((s) => s.slug === name || clientName(s) === name));
  if (missing.length > 0) {
    throw new UsageError(`no server ${missing.map((name) => `"${terminalSafe(name)}"`).join(', ')} in ${join(catalogDir, 'servers')} (by slug or client name)`);
  }
  const picked = names.map((name) => all.find((s) => s.slug === name) ?? all.find((s) => clientName(s) === name)!);
  return [...new Set(picked)];
}

export function run(args: string[], io: CommandIO): Promise<number> {
  return runCommandLine(args, io, { prefix: PREFIX, help: HELP, parse: parsePolicyArgs }, (options) => writePolicy(options, io));
}

async function writePolicy(options: PolicyOptions, io: CommandIO): Promise<number> {
  const say = (line: string) => io.err(`${PREFIX}${line}\n`);
  try {
    const catalog = resolve(io.cwd, options.catalog);
    const picked = pickServers(loadCatalogDir(catalog, io.cwd), options.servers, catalog, io.cwd);
    const built = buildCatalog(picked).servers;
    const servers = picked.map((loaded) => built.find((server) => server.slug === loaded.slug)!);
    const { policy, servers: slices } = stackPolicy(servers, { strict: options.strict });
    const { format } = options;
    const written = format.write(policy, slices);
    let text = written.text;
    const notes: string[] = [];
    const config = options.config === undefined ? undefined : resolve(io.cwd, options.config);
    if (config) {
      const where = relative(io.cwd, config) || config;
      const exists = existsSync(config);
      if (!exists) say(`${terminalSafe(where)} does not exist yet: the merged text starts from an empty file`);
      const merged = format.intoConfig!(exists ? readConfig(config, where) : '', written.fragment, where);
      text = merged.text;
      notes.push(...merged.notes);
    }
    for (const sentence of written.lost) say(`${format.title} cannot say: ${terminalSafe(sentence)}`);
    for (const note of notes) say(terminalSafe(note));
    const target = options.write ? config : options.out === undefined ? undefined : resolve(io.cwd, options.out);
    if (target) {
      writeFileAtomic(target, text);
      say(`wrote ${terminalSafe(relative(io.cwd, target) || target)} (${plural(slices.length, 'server')}, ${options.strict ? 'strict' : 'default'} cut)`);
    } else {
      io.out(text);
    }
    return 0;
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    for (const line of error.lines) say(terminalSafe(line));
    return 2;
  }
}

function readConfig(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError([`${shown}: cannot read the file (${(error as Error).message})`]);
  }
}
