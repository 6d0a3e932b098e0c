import { existsSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { buildCatalog } from '../core/catalog/build-catalog.ts';
import { loadCatalogDir } from '../build/catalog/load.ts';
import type { LoadedServer } from '../core/catalog/server-file.ts';
import { POLICY_FORMATS, policyFormat, type PolicyFormat } from '../core/dialects/formats.ts';
import { DataError } from '../core/errors/friendly.ts';
import { clientServerName, stackPolicy } from '../core/flows/stack-policy.ts';
import { terminalSafe } from '../core/text/terminal-safe.ts';
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

class UsageError extends Error {}

function parsePolicyArgs(args: string[]): PolicyOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        catalog: { type: 'string' },
        for: { type: 'string' },
        servers: { type: 'string' },
        strict: { type: 'boolean', default: false },
        out: { type: 'string' },
        config: { type: 'string' },
        write: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (!values.catalog) throw new UsageError('name the catalog: --catalog <dir>');
  if (!values.for) throw new UsageError(`name the format: --for <${FORMAT_IDS.join('|')}>`);
  const format = policyFormat(values.for);
  if (!format) throw new UsageError(`unknown format "${terminalSafe(values.for)}": one of ${FORMAT_IDS.join(', ')}`);
  if (values.write && !values.config) throw new UsageError('--write writes over the client file given with --config: name it');
  if (values.write && values.out) throw new UsageError('--write writes over the --config file: leave out --out');
  if (values.config && !format.intoConfig) throw new UsageError(`${values.for} is a file of its own, not part of a client's file: leave out --config`);
  const servers = values.servers?.split(',').map((name) => name.trim()).filter(Boolean);
  if (values.servers !== undefined && servers!.length === 0) throw new UsageError('--servers names no server');
  return {
    catalog: resolve(values.catalog),
    formatId: values.for,
    format,
    ...(servers ? { servers } : {}),
    strict: values.strict,
    ...(values.out ? { out: resolve(values.out) } : {}),
    ...(values.config ? { config: resolve(values.config) } : {}),
    write: values.write,
  };
}

/**
 * The stack's servers in the order named, each found by slug or by its client name, picked before
 * they are rated: a large catalog's other servers cost only their reading.
 */
function pickServers(all: readonly LoadedServer[], names: readonly string[] | undefined, catalogDir: string): LoadedServer[] {
  if (all.length === 0) throw new DataError([`${relative(process.cwd(), catalogDir) || catalogDir}: the catalog holds no server (hint: import your servers first)`]);
  if (!names) return [...all];
  const clientName = (s: LoadedServer) => clientServerName({ slug: s.slug, meta: s.data });
  const missing = names.filter((name) => !all.some((s) => s.slug === name || clientName(s) === name));
  if (missing.length > 0) {
    throw new UsageError(`no server ${missing.map((name) => `"${terminalSafe(name)}"`).join(', ')} in ${join(catalogDir, 'servers')} (by slug or client name)`);
  }
  const picked = names.map((name) => all.find((s) => s.slug === name) ?? all.find((s) => clientName(s) === name)!);
  return [...new Set(picked)];
}

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  try {
    const options = parsePolicyArgs(args);
    const picked = pickServers(loadCatalogDir(options.catalog), options.servers, options.catalog);
    const built = buildCatalog(picked).servers;
    const servers = picked.map((loaded) => built.find((server) => server.slug === loaded.slug)!);
    const { policy, servers: slices } = stackPolicy(servers, { strict: options.strict });
    const { format } = options;
    const written = format.write(policy, slices);
    let text = written.text;
    const notes: string[] = [];
    if (options.config) {
      const shown = relative(process.cwd(), options.config) || options.config;
      const exists = existsSync(options.config);
      if (!exists) console.error(`${PREFIX}${terminalSafe(shown)} does not exist yet: the merged text starts from an empty file`);
      const merged = format.intoConfig!(exists ? readConfig(options.config, shown) : '', written.fragment, shown);
      text = merged.text;
      notes.push(...merged.notes);
    }
    for (const sentence of written.lost) console.error(`${PREFIX}${format.title} cannot say: ${terminalSafe(sentence)}`);
    for (const note of notes) console.error(`${PREFIX}${terminalSafe(note)}`);
    const target = options.write ? options.config : options.out;
    if (target) {
      writeFileAtomic(target, text);
      console.error(`${PREFIX}wrote ${terminalSafe(relative(process.cwd(), target) || target)} (${slices.length} server${slices.length === 1 ? '' : 's'}, ${options.strict ? 'strict' : 'default'} cut)`);
    } else {
      process.stdout.write(text);
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${PREFIX}${error.message}\n\n${HELP}`);
      return 2;
    }
    if (error instanceof DataError) {
      for (const line of error.lines) console.error(`${PREFIX}${terminalSafe(line)}`);
      return 2;
    }
    throw error;
  }
}

function readConfig(path: string, shown: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError([`${shown}: cannot read the file (${(error as Error).message})`]);
  }
}
