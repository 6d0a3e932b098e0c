/** The real MCP clients scripts/clients.sh installs, found in the user cache and run offline. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export type ClientId = 'claude-code' | 'codex' | 'gemini-cli';

const PINS = JSON.parse(readFileSync(new URL('../../scripts/clients.json', import.meta.url), 'utf8')) as Record<
  ClientId,
  { package: string; version: string; bin: string }
>;

/** Where scripts/clients.sh puts the clients (the same variables, the same default). */
export const CLIENTS_ROOT = process.env.POLICY_ATLAS_CLIENTS ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'policy-atlas', 'clients');

/** The client's executable; throws, naming the install script, when it is not installed (a missing client must fail, not pass). */
export function clientBin(id: ClientId): string {
  const { package: name, version, bin } = PINS[id];
  const dir = join(CLIENTS_ROOT, `${id}-${version}`);
  if (!existsSync(join(dir, '.installed'))) {
    throw new Error(
      `${name}@${version} is not installed in ${dir}: run \`bash scripts/clients.sh\` once (it needs the npm registry, ~900 MB), then run the tests again`,
    );
  }
  return join(dir, 'node_modules', '.bin', bin);
}

/**
 * Runs a client with only HOME, PATH and `env`: none of the developer's credentials or settings
 * reach it, so it checks its configuration and stops where it would need a login or the network.
 */
/** `output` is stdout and stderr together (for messages); `stdout` alone is what a `--json` command prints (Codex warns on stderr under /tmp). */
export function runClient(
  id: ClientId,
  args: readonly string[],
  options: { home: string; cwd?: string; env?: Record<string, string> },
): { status: number | null; output: string; stdout: string } {
  const result = spawnSync(clientBin(id), args, {
    cwd: options.cwd ?? options.home,
    env: { HOME: options.home, PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, ...options.env },
    encoding: 'utf8',
    timeout: 120_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) throw result.error;
  return { status: result.status, output: `${result.stdout}${result.stderr}`, stdout: result.stdout };
}
