import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { slugify } from '../../core/catalog/slug.ts';
import { DataError } from '../../core/errors/friendly.ts';
import { CLIENT_LABELS, type ClientName } from '../../core/import/client-config/clients.ts';
import { parseClientConfig, type ClientConfig } from '../../core/import/client-config/parse.ts';
import { prepareServer, type Launch, type Prepared } from '../../core/import/client-config/prepare.ts';
import { wellKnownConfigs } from '../../core/import/client-config/well-known.ts';
import { redactedUrl, redactText, secretsOf } from '../../core/import/redact.ts';
import { terminalSafe } from '../../core/text/terminal-safe.ts';
import { ImportError } from './errors.ts';
import { CONFIG_HELP, parseConfigImportArgs, type ConfigImportOptions } from './config-options.ts';
import { UsageError } from './source-args.ts';
import { importConfiguredServer } from './import-server.ts';
import { runPool } from './run-pool.ts';

const PREFIX = 'policy-atlas import: ';
// Servers are started a few at a time: each is a process (or a connection) that mostly waits.
const AT_ONCE = 4;

/** `~/.claude.json`: the home folder is nobody's business in a catalog. */
const tilde = (path: string, home: string) => (home && (path === home || path.startsWith(home + sep)) ? `~${path.slice(home.length)}` : path);

/** A configuration file as the user knows it: within the project folder relative to it (`.vscode/mcp.json`), else from the home folder. */
function configPath(path: string, home: string): string {
  const absolute = resolve(path);
  const nearby = relative(process.cwd(), absolute);
  return nearby && !nearby.startsWith('..') && !isAbsolute(nearby) ? nearby : tilde(absolute, home);
}

function shownPath(path: string): string {
  const nearby = relative(process.cwd(), path);
  return nearby && !nearby.startsWith('..') && !isAbsolute(nearby) ? nearby : path;
}

interface ConfigFile {
  path: string;
  client?: ClientName;
}

/** What became of one server: `lines` go to stdout, a failure's to stderr. */
interface Outcome {
  status: 'imported' | 'disabled' | 'duplicate' | 'missing' | 'failed';
  lines: string[];
}

/** What `${workspaceFolder}` means for a file: the project a `.vscode/` or `.cursor/` folder is in, else the working folder. */
function workspaceOf(path: string, home: string): string {
  const folder = dirname(resolve(path));
  return ['.vscode', '.cursor', '.gemini', '.roo', '.kilocode', '.codex'].includes(basename(folder)) && dirname(folder) !== home ? dirname(folder) : process.cwd();
}

function readConfig(file: ConfigFile): ClientConfig {
  let text: string;
  try {
    text = readFileSync(file.path, 'utf8');
  } catch (error) {
    throw new DataError([`${file.path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`]);
  }
  return parseClientConfig(text, { path: file.path, ...(file.client ? { client: file.client } : {}) });
}

/** An envFile's text; a relative path is the project's, as the client reads it. */
function readEnvFileNear(path: string, workspace: string): { text: string } | { error: string } {
  try {
    return { text: readFileSync(resolve(workspace, path), 'utf8') };
  } catch (error) {
    return { error: (error as NodeJS.ErrnoException).code ?? 'unreadable' };
  }
}

function launchText(launch: Launch): string {
  return launch.kind === 'stdio' ? `${launch.command} ${launch.args.join(' ')}`.trim() : redactedUrl(launch.url);
}

export async function runConfigImport(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(CONFIG_HELP);
    return 0;
  }
  let options: ConfigImportOptions;
  try {
    options = parseConfigImportArgs(args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${PREFIX}${error.message}\n\n${CONFIG_HELP}`);
    return 2;
  }
  const home = homedir();
  const inputSecrets = secretsOf(Object.values(options.inputs));
  // Until the configurations are read, only inputs are known secrets; the output is remade after.
  let secrets: string[] = inputSecrets;
  const clean = (line: string) => terminalSafe(redactText(line, secrets));
  const say = (line: string) => console.error(`${PREFIX}${clean(line)}`);
  const print = (line: string) => console.log(clean(line));

  let files: ConfigFile[];
  if (options.mode.kind === 'config') files = [{ path: options.mode.path, ...(options.client ? { client: options.client } : {}) }];
  else {
    const known = wellKnownConfigs({ platform: process.platform, home, cwd: process.cwd(), ...definedEnv({ appData: 'APPDATA', xdgConfigHome: 'XDG_CONFIG_HOME', codexHome: 'CODEX_HOME' }) });
    for (const config of known) if (!existsSync(config.path)) print(`${CLIENT_LABELS[config.client].padEnd(15)} ${configPath(config.path, home)}: not found`);
    files = known.filter((config) => existsSync(config.path)).map(({ path, client }) => ({ path, client }));
    if (files.length === 0) print('no client configuration found on this machine or in this folder');
  }

  let broken = 0;
  const configs: { file: ConfigFile; config: ClientConfig; prepared: Prepared[] }[] = [];
  for (const file of files) {
    let config: ClientConfig;
    try {
      config = readConfig(file);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      broken++;
      error.lines.forEach(say);
      continue;
    }
    const sources = { env: process.env, inputs: options.inputs, editor: { userHome: home, workspaceFolder: workspaceOf(file.path, home), workspaceFolderBasename: basename(workspaceOf(file.path, home)), pathSeparator: sep, '/': sep } };
    const readEnvFile = (path: string) => readEnvFileNear(path, workspaceOf(file.path, home));
    const prepared = config.servers.map((server) => prepareServer(server, { client: config.client, sources, config: configPath(file.path, home), inputs: config.inputs, readEnvFile }));
    configs.push({ file, config, prepared });
  }
  secrets = secretsOf([...inputSecrets, ...configs.flatMap((c) => c.prepared.flatMap((p) => (p.status === 'ready' ? p.secrets : [])))]);

  for (const { file, config, prepared } of configs) {
    const disabled = prepared.filter((p) => p.status === 'skipped' && p.cause === 'disabled').length;
    print(`${CLIENT_LABELS[config.client]} ${configPath(file.path, home)}: ${config.servers.length} server${config.servers.length === 1 ? '' : 's'}${disabled ? ` (${disabled} disabled)` : ''}`);
    if (options.catalog !== undefined) continue;
    config.servers.forEach((server, i) => {
      const p = prepared[i]!;
      const where = server.project ? ` (project ${tilde(server.project, home)})` : '';
      print(`  ${server.name}${where}: ${p.status === 'ready' ? `${p.launch.kind} ${launchText(p.launch)}` : `would be skipped: ${p.reason}`}`);
    });
  }
  if (options.catalog === undefined) return broken > 0 ? 2 : 0;

  const started = Date.now();
  const outcomes = await importAll(configs, options, { say, home });
  for (const outcome of outcomes) {
    if (outcome.status !== 'failed') outcome.lines.forEach(print);
    else {
      // The first line names the server; what follows (the server's last stderr lines) is indented.
      say(outcome.lines[0]!);
      outcome.lines.slice(1).forEach((line) => console.error(clean(line)));
    }
  }
  print(summary(outcomes, broken, Date.now() - started));
  const count = (status: Outcome['status']) => outcomes.filter((o) => o.status === status).length;
  return broken > 0 ? 2 : count('missing') + count('failed') > 0 ? 1 : 0;
}

/** `imported 3 of 8 servers in 1.9 s; 1 disabled, 1 skipped for a missing variable or input, 3 failed` */
function summary(outcomes: readonly Outcome[], broken: number, ms: number): string {
  const count = (status: Outcome['status']) => outcomes.filter((o) => o.status === status).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const rest = [
    [count('disabled'), 'disabled'],
    [count('duplicate'), 'listed again'],
    [count('missing'), 'skipped for a missing variable or input'],
    [count('failed'), 'failed'],
    [broken, broken === 1 ? 'configuration file unreadable' : 'configuration files unreadable'],
  ].filter(([n]) => n).map(([n, what]) => `${n} ${what}`);
  return `imported ${count('imported')} of ${plural(outcomes.length, 'server')} in ${(ms / 1000).toFixed(1)} s${rest.length ? `; ${rest.join(', ')}` : ''}`;
}

function definedEnv<K extends string>(names: Record<K, string>): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(names).flatMap(([key, variable]) => (process.env[variable as string] ? [[key, process.env[variable as string]]] : []))) as Partial<Record<K, string>>;
}

/** The launch that tells one server from another with the same name: same command and args, or the same URL. */
const launchKey = (launch: Launch) => (launch.kind === 'stdio' ? JSON.stringify([launch.command, launch.args, launch.cwd]) : launch.url.href);

async function importAll(configs: { config: ClientConfig; prepared: Prepared[] }[], options: ConfigImportOptions, out: { say: (line: string) => void; home: string }): Promise<Outcome[]> {
  const slugs = new Map<string, string>();
  const jobs: (() => Promise<Outcome>)[] = [];
  for (const { config, prepared } of configs) {
    config.servers.forEach((server, i) => {
      const p = prepared[i]!;
      const label = `${server.name}${server.project ? ` (project ${tilde(server.project, out.home)})` : ''}`;
      if (p.status === 'skipped') {
        const outcome: Outcome = p.cause === 'invalid' ? { status: 'failed', lines: [`${label}: failed, ${p.reason}`] } : { status: p.cause, lines: [`${label}: skipped, ${p.reason}`] };
        jobs.push(async () => outcome);
        return;
      }
      // One file per server: a name met again for another server gets -2, -3…; the same server again is imported once.
      const key = launchKey(p.launch);
      let slug = slugify(server.name);
      for (let n = 2; slugs.has(slug) && slugs.get(slug) !== key; n++) slug = `${slugify(server.name)}-${n}`;
      if (slugs.get(slug) === key) {
        jobs.push(async () => ({ status: 'duplicate', lines: [`${label}: skipped, the same server as one imported above (${slug})`] }));
        return;
      }
      slugs.set(slug, key);
      jobs.push(async () => {
        const say = (line: string) => out.say(`${server.name}: ${line}`);
        try {
          const lines = await importConfiguredServer({ launch: p.launch, source: p.source, slug, secrets: p.secrets }, { catalog: options.catalog!, timeoutMs: options.timeoutMs, now: options.now, say, shown: shownPath });
          return { status: 'imported', lines: lines.map((line, n) => (n === 0 ? `${label} → ${line}` : line)) };
        } catch (error) {
          if (error instanceof DataError) return { status: 'failed', lines: error.lines.map((line) => `${label}: failed, ${line}`) };
          if (error instanceof ImportError) return { status: 'failed', lines: error.message.split('\n').map((line, n) => (n === 0 ? `${label}: failed, ${line}` : line)) };
          throw error;
        }
      });
    });
  }
  return runPool(jobs, AT_ONCE);
}
