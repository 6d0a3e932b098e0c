/**
 * The client formats written server by server, each under its client name: what `policy --for`
 * writes and /stack/ shows, one per entry of the dialect registry (registry.ts, where a new format is
 * added). Kept apart from formats.ts (policy-v1 text, merging into a client's own file) so the
 * browser's stack page loads the writers and nothing of the command line.
 */
import type { ServerPolicy } from '../flows/server-slices.ts';
import type { Policy } from '../policy/schema.ts';
import { mergeJson } from './merge-fragments.ts';
import { DIALECTS, type DialectId } from './registry.ts';
import type { IntoConfig, ServerWriter } from './types.ts';

export type { ServerWriter } from './types.ts';

/** What a format makes of a stack's policy: the text to write, and one sentence per thing it cannot say. */
export interface FormatOutput {
  text: string;
  /** The servers' fragments merged, for formats that go inside a client's own file (see `intoConfig`). */
  fragment?: unknown;
  lost: string[];
}

export interface PolicyFormat {
  title: string;
  write(combined: Policy, servers: readonly ServerPolicy[]): FormatOutput;
  /**
   * For a format that lives inside a client's own file (Claude Code's settings.json, Codex's
   * config.toml, Cline's settings): that file's whole text with the written fragment merged in,
   * everything else kept, and notes for stderr. `file` names it in errors.
   */
  intoConfig?: IntoConfig;
}

/**
 * A format written server by server, each under its client name. `join: 'json'` (the default)
 * merges the servers' fragments (arrays joined without repeats) into one JSON text; `join: 'text'`
 * joins the servers' texts by a blank line, which is how TOML tables and `[[rule]]` lists of several
 * servers add up. Where a stack has several servers, each lost sentence names the servers it is about.
 */
export function perServer(title: string, writer: ServerWriter, options: { join?: 'json' | 'text'; intoConfig?: IntoConfig } = {}): PolicyFormat {
  return {
    title,
    write(_combined, servers) {
      const outputs = servers.map((server) => ({ server, ...writer(server.name, server.policy) }));
      const lost = lostByServer(
        outputs.map(({ server, lost }) => [server.name, lost]),
        servers.length,
      );
      const fragment = outputs.reduce<unknown>((merged, output) => mergeJson(merged, output.fragment), undefined);
      if (options.join === 'text') {
        const texts = outputs.map((output) => (typeof output.text === 'string' ? output.text : String(output.fragment)).trimEnd());
        return { text: `${texts.join('\n\n')}\n`, fragment, lost };
      }
      return { text: `${JSON.stringify(fragment ?? {}, null, 2)}\n`, fragment, lost };
    },
    ...(options.intoConfig ? { intoConfig: options.intoConfig } : {}),
  };
}

/** Each sentence once, prefixed by the servers it is about unless it is about all of them. */
function lostByServer(lostOf: readonly [name: string, lost: string[]][], serverCount: number): string[] {
  const servers = new Map<string, string[]>();
  for (const [name, lost] of lostOf) for (const sentence of lost) servers.set(sentence, [...(servers.get(sentence) ?? []), name]);
  return [...servers].map(([sentence, names]) => (names.length === serverCount ? sentence : `${names.join(', ')}: ${sentence}`));
}

/** Every client format of the registry, for a stack of servers. */
export const SERVER_FORMATS = Object.fromEntries(
  DIALECTS.map((dialect) => [dialect.id, perServer(dialect.formatTitle, dialect.writeServer, { join: dialect.join })]),
) as Readonly<Record<DialectId, PolicyFormat>>;
