import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, resolve, sep } from 'node:path';
import { DataError } from '../../core/errors/friendly.ts';
import { CLIENT_LABELS, type ClientName } from '../../core/import/client-config/clients.ts';
import { parseClientConfig, type ClientConfig } from '../../core/import/client-config/parse.ts';
import { prepareServer, type Launch, type Prepared } from '../../core/import/client-config/prepare.ts';
import { wellKnownConfigs } from '../../core/import/client-config/well-known.ts';
import { redactedUrl, redactText, secretsOf } from '../../core/import/redact.ts';
import { terminalSafe } from '../../core/text/terminal-safe.ts';
import { CONFIG_HELP, parseConfigImportArgs, type ConfigImportOptions } from './config-options.ts';
import { configPath, tilde } from './config-paths.ts';
import { importAll, summary, type Outcome } from './import-all.ts';
import { runCommandLine } from '../command-line.ts';
import type { CommandIO } from '../io.ts';
import { plural } from '../../core/text/plural.ts';

const PREFIX = 'policy-atlas import: ';

interface ConfigFile {
  path: string;
  client?: ClientName;
}

/** What `${workspaceFolder}` means for a file (its path absolute): the project a `.vscode/` or `.cursor/` folder is in, else the working folder. */
function workspaceOf(path: string, home: string, cwd: string): string {
  const folder = dirname(path);
  return ['.vscode', '.cursor', '.gemini', '.roo', '.kilocode', '.codex'].includes(basename(folder)) && dirname(folder) !== home ? dirname(folder) : cwd;
}

function readConfig(file: ConfigFile, cwd: string): ClientConfig {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file.path), 'utf8');
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

export function runConfigImport(args: string[], io: CommandIO): Promise<number> {
  return runCommandLine(args, io, { prefix: PREFIX, help: CONFIG_HELP, parse: parseConfigImportArgs }, (options) => importConfigs(options, io));
}

async function importConfigs(options: ConfigImportOptions, io: CommandIO): Promise<number> {
  const { cwd } = io;
  // As os.homedir() reads it, but from the command's environment.
  const home = (process.platform === 'win32' ? io.env.USERPROFILE : io.env.HOME) || homedir();
  const inputSecrets = secretsOf(Object.values(options.inputs));
  // Until the configurations are read, only inputs are known secrets; the output is remade after.
  let secrets: string[] = inputSecrets;
  const clean = (line: string) => terminalSafe(redactText(line, secrets));
  const say = (line: string) => io.err(`${PREFIX}${clean(line)}\n`);
  const print = (line: string) => io.out(`${clean(line)}\n`);

  let files: ConfigFile[];
  if (options.mode.kind === 'config') files = [{ path: options.mode.path, ...(options.client ? { client: options.client } : {}) }];
  else {
    const known = wellKnownConfigs({
      platform: process.platform,
      home,
      cwd,
      ...definedEnv(io.env, { appData: 'APPDATA', xdgConfigHome: 'XDG_CONFIG_HOME', codexHome: 'CODEX_HOME' }),
    });
    for (const config of known)
      if (!existsSync(config.path)) print(`${CLIENT_LABELS[config.client].padEnd(15)} ${configPath(config.path, home, cwd)}: not found`);
    files = known.filter((config) => existsSync(config.path)).map(({ path, client }) => ({ path, client }));
    if (files.length === 0) print('no client configuration found on this machine or in this folder');
  }

  let broken = 0;
  const configs: { file: ConfigFile; config: ClientConfig; prepared: Prepared[] }[] = [];
  for (const file of files) {
    let config: ClientConfig;
    try {
      config = readConfig(file, cwd);
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      broken++;
      error.lines.forEach(say);
      continue;
    }
    const workspace = workspaceOf(resolve(cwd, file.path), home, cwd);
    const sources = {
      env: io.env,
      inputs: options.inputs,
      editor: { userHome: home, workspaceFolder: workspace, workspaceFolderBasename: basename(workspace), pathSeparator: sep, '/': sep },
    };
    const readEnvFile = (path: string) => readEnvFileNear(path, workspace);
    const prepared = config.servers.map((server) =>
      prepareServer(server, { client: config.client, sources, config: configPath(file.path, home, cwd), inputs: config.inputs, readEnvFile }),
    );
    configs.push({ file, config, prepared });
  }
  secrets = secretsOf([...inputSecrets, ...configs.flatMap((c) => c.prepared.flatMap((p) => (p.status === 'ready' ? p.secrets : [])))]);

  for (const { file, config, prepared } of configs) {
    const disabled = prepared.filter((p) => p.status === 'skipped' && p.cause === 'disabled').length;
    print(
      `${CLIENT_LABELS[config.client]} ${configPath(file.path, home, cwd)}: ${plural(config.servers.length, 'server')}${disabled ? ` (${disabled} disabled)` : ''}`,
    );
    if (options.catalog !== undefined) continue;
    config.servers.forEach((server, i) => {
      const p = prepared[i]!;
      const where = server.project ? ` (project ${tilde(server.project, home)})` : '';
      print(`  ${server.name}${where}: ${p.status === 'ready' ? `${p.launch.kind} ${launchText(p.launch)}` : `would be skipped: ${p.reason}`}`);
    });
  }
  if (options.catalog === undefined) return broken > 0 ? 2 : 0;

  const started = Date.now();
  const outcomes = await importAll(configs, options, { say, home, env: io.env, cwd });
  for (const outcome of outcomes) {
    if (outcome.status !== 'failed') outcome.lines.forEach(print);
    else {
      // The first line names the server; what follows (the server's last stderr lines) is indented.
      say(outcome.lines[0]!);
      outcome.lines.slice(1).forEach((line) => io.err(`${clean(line)}\n`));
    }
  }
  print(summary(outcomes, broken, Date.now() - started));
  const count = (status: Outcome['status']) => outcomes.filter((o) => o.status === status).length;
  return broken > 0 ? 2 : count('missing') + count('failed') > 0 ? 1 : 0;
}

function definedEnv<K extends string>(env: CommandIO['env'], names: Record<K, string>): Partial<Record<K, string>> {
  return Object.fromEntries(Object.entries(names).flatMap(([key, variable]) => (env[variable as string] ? [[key, env[variable as string]]] : []))) as Partial<
    Record<K, string>
  >;
}
