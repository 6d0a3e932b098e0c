import { resolve } from 'node:path';
import { slugify } from '../../core/catalog/slug.ts';
import { DataError } from '../../core/errors/friendly.ts';
import type { ClientConfig } from '../../core/import/client-config/parse.ts';
import type { Launch, Prepared } from '../../core/import/client-config/prepare.ts';
import { plural } from '../../core/text/plural.ts';
import type { CommandIO } from '../io.ts';
import { tilde } from './config-paths.ts';
import type { ConfigImportOptions } from './config-options.ts';
import { ImportError } from './errors.ts';
import { importConfiguredServer } from './import-server.ts';
import { runPool } from './run-pool.ts';

// Servers are started a few at a time: each is a process (or a connection) that mostly waits.
const AT_ONCE = 4;

/** What became of one server: `lines` go to stdout, a failure's to stderr. */
export interface Outcome {
  status: 'imported' | 'disabled' | 'duplicate' | 'missing' | 'failed';
  lines: string[];
}

/** `imported 3 of 8 servers in 1.9 s; 1 disabled, 1 skipped for a missing variable or input, 3 failed` */
export function summary(outcomes: readonly Outcome[], broken: number, ms: number): string {
  const count = (status: Outcome['status']) => outcomes.filter((o) => o.status === status).length;
  const rest = [
    [count('disabled'), 'disabled'],
    [count('duplicate'), 'listed again'],
    [count('missing'), 'skipped for a missing variable or input'],
    [count('failed'), 'failed'],
    [broken, broken === 1 ? 'configuration file unreadable' : 'configuration files unreadable'],
  ]
    .filter(([n]) => n)
    .map(([n, what]) => `${n} ${what}`);
  return `imported ${count('imported')} of ${plural(outcomes.length, 'server')} in ${(ms / 1000).toFixed(1)} s${rest.length ? `; ${rest.join(', ')}` : ''}`;
}

/** The launch that tells one server from another with the same name: same command and args, or the same URL. */
const launchKey = (launch: Launch) => (launch.kind === 'stdio' ? JSON.stringify([launch.command, launch.args, launch.cwd]) : launch.url.href);

/** Imports every server the configurations list, a few at a time; one outcome each, in their order. */
export async function importAll(
  configs: { config: ClientConfig; prepared: Prepared[] }[],
  options: ConfigImportOptions,
  out: { say: (line: string) => void; home: string } & Pick<CommandIO, 'env' | 'cwd'>,
): Promise<Outcome[]> {
  const slugs = new Map<string, string>();
  const jobs: (() => Promise<Outcome>)[] = [];
  for (const { config, prepared } of configs) {
    config.servers.forEach((server, i) => {
      const p = prepared[i]!;
      const label = `${server.name}${server.project ? ` (project ${tilde(server.project, out.home)})` : ''}`;
      if (p.status === 'skipped') {
        const outcome: Outcome =
          p.cause === 'invalid'
            ? { status: 'failed', lines: [`${label}: failed, ${p.reason}`] }
            : { status: p.cause, lines: [`${label}: skipped, ${p.reason}`] };
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
          const lines = await importConfiguredServer(
            { launch: p.launch, source: p.source, slug, secrets: p.secrets },
            { catalog: resolve(out.cwd, options.catalog!), timeoutMs: options.timeoutMs, now: options.now, say, env: out.env, cwd: out.cwd },
          );
          return { status: 'imported', lines: lines.map((line, n) => (n === 0 ? `${label} → ${line}` : line)) };
        } catch (error) {
          if (error instanceof DataError) return { status: 'failed', lines: error.lines.map((line) => `${label}: failed, ${line}`) };
          if (error instanceof ImportError)
            return { status: 'failed', lines: error.message.split('\n').map((line, n) => (n === 0 ? `${label}: failed, ${line}` : line)) };
          throw error;
        }
      });
    });
  }
  return runPool(jobs, AT_ONCE);
}
