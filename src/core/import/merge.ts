import { DataError } from '../errors/friendly.ts';
import { terminalSafe } from '../text/terminal-safe.ts';
import type { ServerFile, Tool } from '../schema/server.ts';
import { diffDefinitions } from '../history/definition-diff.ts';
import { historyAfterChange } from '../history/tool-history.ts';
import { changedFields, toolHash, type DefinitionField } from '../history/definition-hash.ts';
import { copiesByName } from '../history/name-copies.ts';
import { DiffBudget } from '../history/text-diff.ts';

type Transport = NonNullable<ServerFile['transport']>[number];

export interface MergeOptions {
  /** The data file as it is now, if there is one: its metadata and overrides are kept. */
  existing?: ServerFile;
  /** The tools the server lists now, editorial keys already stripped. */
  tools: readonly Tool[];
  now: Date;
  /** --name and --slug: what the user asked for wins over the file and the server. */
  name?: string;
  slug?: string;
  /** What the server calls itself (serverInfo), used when neither flag nor file names it. */
  serverName?: string;
  /** How it was reached; recorded only in a new file (an existing `transport` is editorial). */
  transport?: Transport;
}

export interface ImportChanges {
  added: string[];
  removed: { name: string; hadOverrides: boolean }[];
  /** `rugPulls`: the changes that look like a rug pull, one sentence each (server text in them is raw). */
  changed: { name: string; fields: DefinitionField[]; rugPulls?: string[] }[];
  unchanged: string[];
  /** Server metadata the flags changed, e.g. `name: "a" → "b"`. */
  metadata: string[];
}

/** `2025-03-14`: dates, not times, so a re-import on the same day changes nothing. */
export function isoDate(now: Date): string {
  return now.toISOString().slice(0, 10);
}

const withoutUndefined = <T extends object>(value: T): T => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

/**
 * Definition first, then whatever else the server sent, then the import's and editors' fields; those
 * come only from `extra`, never from the server (a server must not rate its own tools).
 */
function arrange(tool: Tool, extra: Pick<Tool, 'hash' | 'firstSeen' | 'lastChanged' | 'history' | 'overrides'>): Tool {
  const {
    name,
    title,
    description,
    inputSchema,
    outputSchema,
    annotations,
    overrides: _o,
    hash: _h,
    firstSeen: _f,
    lastChanged: _l,
    history: _p,
    ...rest
  } = tool;
  return withoutUndefined({ name, title, description, inputSchema, outputSchema, annotations, ...rest, ...extra }) as Tool;
}

/** The new data file from the existing one and the tools listed now, and what changed. */
export function mergeImport(options: MergeOptions): { file: ServerFile; changes: ImportChanges } {
  const { existing } = options;
  const today = isoDate(options.now);
  const name = options.name ?? existing?.name ?? options.serverName;
  if (!name) throw new DataError(['the server has no name: pass --name "…" (the input does not say which server it is)']);

  // Copy by copy: a name listed twice pairs each listing with its own, not both with the last.
  const before = copiesByName(existing?.tools ?? []);
  const seen = new Map<string, number>();
  const changes: ImportChanges = { added: [], removed: [], changed: [], unchanged: [], metadata: [] };
  const tools = options.tools.map((tool) => {
    const copy = seen.get(tool.name) ?? 0;
    seen.set(tool.name, copy + 1);
    const old = before.get(tool.name)?.[copy];
    const hash = toolHash(tool);
    if (!old) {
      changes.added.push(tool.name);
      return arrange(tool, { hash, firstSeen: today, lastChanged: today });
    }
    const fields = changedFields(old, tool);
    if (fields.length > 0) {
      // Only the flags are kept: no word diff is needed (a budget of 0).
      const rugPulls = diffDefinitions(old, tool, new DiffBudget(0)).flags.map((flag) => `${flag.message}${flag.where ? ` at ${flag.where}` : ''}`);
      changes.changed.push({ name: tool.name, fields, ...(rugPulls.length > 0 ? { rugPulls } : {}) });
    } else changes.unchanged.push(tool.name);
    const firstSeen = old.firstSeen ?? today;
    const lastChanged = fields.length > 0 ? today : (old.lastChanged ?? firstSeen);
    // The definition it replaces is kept (changed fields only), so pages can show what changed.
    const history = fields.length > 0 ? historyAfterChange(old, fields, today) : old.history;
    return arrange(tool, { hash, firstSeen, lastChanged, history, overrides: old.overrides });
  });
  for (const [name, copies] of before) {
    for (const old of copies.slice(seen.get(name) ?? 0)) changes.removed.push({ name, hadOverrides: old.overrides !== undefined });
  }

  if (existing && options.name !== undefined && options.name !== existing.name)
    changes.metadata.push(`name: ${JSON.stringify(existing.name)} → ${JSON.stringify(options.name)}`);
  const slug = options.slug ?? existing?.slug;
  if (existing && options.slug !== undefined && options.slug !== existing.slug)
    changes.metadata.push(`slug: ${JSON.stringify(existing.slug ?? '(file name)')} → ${JSON.stringify(options.slug)}`);
  const file: ServerFile = existing
    ? withoutUndefined({ ...existing, name, slug, tools })
    : withoutUndefined({ name, slug, transport: options.transport ? [options.transport] : undefined, tools });
  return { file, changes };
}

/** What an import changed, one line each, for the terminal; names come from the server, so they are made safe to print. */
export function describeChanges(target: string, changes: ImportChanges): string[] {
  const { added, removed, changed, unchanged, metadata } = changes;
  if (added.length + removed.length + changed.length + metadata.length === 0) {
    return [`${target}: no changes (${unchanged.length} tool${unchanged.length === 1 ? '' : 's'})`];
  }
  return [
    `${target}: ${added.length} added, ${removed.length} removed, ${changed.length} changed, ${unchanged.length} unchanged`,
    ...metadata.map((line) => `  * ${terminalSafe(line)}`),
    ...added.map((name) => `  + ${terminalSafe(name)}`),
    ...removed.map((r) => `  - ${terminalSafe(r.name)}${r.hadOverrides ? ' (its overrides are dropped with it)' : ''}`),
    ...changed.flatMap((c) => [
      `  ~ ${terminalSafe(c.name)}: ${c.fields.join(', ')}`,
      ...(c.rugPulls ?? []).map((r) => `      possible rug pull: ${terminalSafe(r)}`),
    ]),
  ];
}
