/**
 * Codex's own config.toml with our keys written into each server's table, every other byte as the
 * user wrote it. smol-toml reads values but not comments or layout, so the edit is made in the text
 * (statements located by src/core/text/toml-statements.ts) and checked with smol-toml afterwards.
 */
import { stringify } from 'smol-toml';
import { DataError, issueText } from '../errors/friendly.ts';
import { parseTomlFile } from '../errors/toml-text.ts';
import { fullPath, scanTomlStatements, type TomlStatement } from '../text/toml-statements.ts';
import type { CodexServerPolicy } from './codex.ts';
import type { ConfigMerge } from './types.ts';

/** The keys of a server's table the policy owns; `tools.<tool>.approval_mode` is owned too. */
const SERVER_KEYS = ['enabled_tools', 'disabled_tools', 'default_tools_approval_mode'];
const HINT = 'write the policy without --config and merge it by hand';

const isTable = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
const startsWith = (path: readonly string[], prefix: readonly string[]) => prefix.every((part, index) => path[index] === part);
const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && startsWith(a, b);

/** What the policy owns in `[mcp_servers.<server>]`: a statement at `rest` (the path below the server). */
function isOwned(rest: readonly string[]): boolean {
  return (rest.length === 1 && SERVER_KEYS.includes(rest[0]!)) || (rest.length === 3 && rest[0] === 'tools' && rest[2] === 'approval_mode');
}

// Null prototypes: a server or tool named __proto__ is a key like any other.
const tableCopy = (table: Record<string, unknown>): Record<string, unknown> => Object.assign(Object.create(null), table);

/** `config` without the policy's keys for `servers`, and without the tables that held only them (`config` is left as it is). */
export function withoutPolicyKeys(config: Record<string, unknown>, servers: readonly string[]): Record<string, unknown> {
  if (!isTable(config.mcp_servers)) return config;
  const mcpServers = tableCopy(config.mcp_servers);
  for (const name of servers) {
    if (!Object.hasOwn(mcpServers, name) || !isTable(mcpServers[name])) continue;
    const server = tableCopy(mcpServers[name] as Record<string, unknown>);
    for (const key of SERVER_KEYS) delete server[key];
    if (isTable(server.tools)) {
      const tools: Record<string, unknown> = Object.create(null);
      for (const [tool, settings] of Object.entries(server.tools)) {
        const rest = isTable(settings) ? Object.fromEntries(Object.entries(settings).filter(([key]) => key !== 'approval_mode')) : settings;
        if (!isTable(rest) || Object.keys(rest).length > 0) tools[tool] = rest;
      }
      if (Object.keys(tools).length > 0) server.tools = tools;
      else delete server.tools;
    }
    if (Object.keys(server).length > 0) mcpServers[name] = server;
    else delete mcpServers[name];
  }
  const { mcp_servers: _, ...rest } = config;
  return Object.keys(mcpServers).length > 0 ? { ...rest, mcp_servers: mcpServers } : rest;
}

/** Two TOML values alike: tables by their keys in any order, dates by their text, NaN like NaN. */
export function sameTomlData(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.toISOString() === b.toISOString();
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, index) => sameTomlData(item, b[index]));
  if (!isTable(a) || !isTable(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && sameTomlData(a[key], b[key]));
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

/**
 * `configText` (a `config.toml`; empty for a file not written yet) with, for each server of the
 * fragment (`{ mcp_servers: { <name>: keys } }`), the keys the policy owns replaced by ours: those
 * the file had are taken out, ours are written after the table's last statement, per-tool tables
 * after them. Comments, order, other servers and other keys stay byte for byte. A server the file
 * lacks is left out with a note: Codex refuses a whole file with a server it cannot start. Throws a
 * DataError naming `file` when the file is not TOML or the server is written in a form this cannot
 * edit (an inline table, dotted keys): the user's file is never half merged.
 */
export function mergeCodexConfig(configText: string, fragment: unknown, file: string): ConfigMerge {
  const fail = (path: string[], message: string) => new DataError([issueText({ ...(path.length > 0 ? { path } : {}), message, hint: HINT }, file)]);
  const before = parseTomlFile(configText, file);
  const ours = (isTable(fragment) && isTable(fragment.mcp_servers) ? fragment.mcp_servers : {}) as Record<string, CodexServerPolicy>;
  const names = Object.keys(ours);
  if (before.mcp_servers !== undefined && !isTable(before.mcp_servers)) throw fail(['mcp_servers'], 'expected a table of servers');
  const statements = scanTomlStatements(configText);
  const newline = configText.includes('\r\n') ? '\r\n' : '\n';
  const edits: Edit[] = [];
  const appended: string[] = [];
  const notes: string[] = [];

  // No prototype: a server may be named __proto__.
  const written: Record<string, CodexServerPolicy> = Object.create(null);
  for (const name of names) {
    const base = ['mcp_servers', name];
    const existing = isTable(before.mcp_servers) && Object.hasOwn(before.mcp_servers, name) ? before.mcp_servers[name] : undefined;
    for (const statement of statements) {
      const path = fullPath(statement);
      if (statement.kind === 'table' && statement.array && path[0] === 'mcp_servers') throw fail(path, 'expected a table, not an array of tables');
      // A key above the server's table that writes into it: `mcp_servers = { … }`, `name.command = …` under [mcp_servers].
      if (statement.kind === 'key' && statement.table.length < 2 && path[0] === 'mcp_servers' && (path.length === 1 || path[1] === name)) {
        throw fail(base, `the server is written as an inline table or with dotted keys: write it as a [mcp_servers.${tomlKey(name)}] table`);
      }
    }
    if (existing === undefined) {
      // A table with our keys alone would make Codex refuse the whole file ("invalid transport").
      notes.push(
        `${file} has no server named ${name}: its policy is left out; add the server (its command or url) under [mcp_servers.${tomlKey(name)}] and run this again`,
      );
      continue;
    }
    if (!isTable(existing)) throw fail(base, 'expected a table');
    written[name] = ours[name]!;
    const sections = sectionsUnder(statements, base);
    const { tools = {}, ...given }: CodexServerPolicy & Record<string, unknown> = { ...ours[name]! };
    // Our keys in one order whatever the fragment's: the text of a second merge is the first's.
    const keys = Object.fromEntries(SERVER_KEYS.flatMap((key) => (given[key] === undefined ? [] : [[key, given[key]]])));
    const toolsWritten = new Set<string>();
    // Our keys out of the file: owned keys, inline tool tables that hold only approval modes, tool tables left empty.
    const takenOut = (statement: TomlStatement): boolean => {
      const rest = fullPath(statement).slice(2);
      if (isOwned(rest)) return true;
      if (rest[0] !== 'tools' || rest.length > 2) return false;
      if (onlyApprovalModes(valueAt(before, fullPath(statement)), rest.length === 1)) return true;
      throw fail(fullPath(statement), 'a tool setting besides approval_mode in an inline table: write it as a [mcp_servers.<server>.tools.<tool>] table');
    };
    for (const section of sections) {
      const kept = section.keys.filter((statement) => {
        if (!takenOut(statement)) return true;
        edits.push({ start: statement.start, end: statement.end, text: '' });
        return false;
      });
      const rest = section.header?.path.slice(2) ?? [];
      if (!section.header || rest[0] !== 'tools') continue;
      if (kept.length === 0) edits.push({ start: blankLinesBefore(configText, section.header.start), end: section.header.end, text: '' });
      else if (rest.length === 2 && Object.hasOwn(tools, rest[1]!)) {
        // The tool's table stays for the user's other keys: our approval mode goes in it.
        toolsWritten.add(rest[1]!);
        edits.push(insertAfter(configText, section, stringify({ approval_mode: tools[rest[1]!]!.approval_mode }), newline));
      }
    }
    const newTools = Object.fromEntries(Object.entries(tools).filter(([tool]) => !toolsWritten.has(tool)));
    const toolTables = Object.keys(newTools).length > 0 ? stringify({ mcp_servers: { [name]: { tools: newTools } } }) : '';
    const own = sections.find((section) => section.header && samePath(section.header.path, base));
    if (own) {
      edits.push(insertAfter(configText, own, `${stringify(keys)}${toolTables ? `\n${toolTables}` : ''}`, newline));
    } else {
      appended.push(stringify({ mcp_servers: { [name]: { ...keys, ...(Object.keys(newTools).length > 0 ? { tools: newTools } : {}) } } }));
    }
  }

  let text = applyEdits(configText, edits);
  if (appended.length > 0) {
    const lead = text.trim() === '' ? '' : text.endsWith('\n') ? newline : `${newline}${newline}`;
    text = `${text}${lead}${appended.join('\n').replace(/\n/g, newline)}`;
  }
  checkMerged(before, text, written, file);
  return { text, notes };
}

interface Section {
  /** Absent for the keys before the first table header. */
  header?: Extract<TomlStatement, { kind: 'table' }>;
  keys: TomlStatement[];
  /** Where the section's last statement (or its header) ends. */
  lastEnd: number;
}

/** The file's sections holding statements at or below `base`: its own table, sub-tables, keys written from above. */
function sectionsUnder(statements: readonly TomlStatement[], base: readonly string[]): Section[] {
  const sections: Section[] = [{ keys: [], lastEnd: 0 }];
  for (const statement of statements) {
    if (statement.kind === 'table') sections.push({ header: statement, keys: [], lastEnd: statement.end });
    else {
      const section = sections.at(-1)!;
      section.keys.push(statement);
      section.lastEnd = statement.end;
    }
  }
  return sections
    .map((section) => ({ ...section, keys: section.keys.filter((statement) => startsWith(fullPath(statement), base)) }))
    .filter((section) => (section.header ? startsWith(section.header.path, base) : false) || section.keys.length > 0);
}

/** An edit adding `lines` after the section's last statement, on a line of their own. */
function insertAfter(text: string, section: Section, lines: string, newline: string): Edit {
  const at = section.lastEnd;
  const lead = at > 0 && text[at - 1] !== '\n' ? newline : '';
  return { start: at, end: at, text: `${lead}${lines.replace(/\n/g, newline)}` };
}

/** Where the blank lines just before `offset` (a line start) begin: a table taken out takes its blank line with it. */
function blankLinesBefore(text: string, offset: number): number {
  let start = offset;
  for (;;) {
    const previous = text.lastIndexOf('\n', start - 2) + 1;
    if (start === 0 || text.slice(previous, start).trim() !== '') return start;
    start = previous;
  }
}

function applyEdits(text: string, edits: readonly Edit[]): string {
  // Insertions before removals at the same place: a removal's end is another statement's start.
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let cursor = 0;
  for (const edit of sorted) {
    out += text.slice(cursor, edit.start) + edit.text;
    cursor = Math.max(cursor, edit.end);
  }
  return out + text.slice(cursor);
}

const valueAt = (data: unknown, path: readonly string[]): unknown =>
  path.reduce<unknown>((value, key) => (isTable(value) && Object.hasOwn(value, key) ? value[key] : undefined), data);

/** An inline `tools = { … }` (`perTool`) or `tools.<tool> = { … }` holding approval modes and nothing else. */
function onlyApprovalModes(value: unknown, perTool: boolean): boolean {
  const onlyMode = (settings: unknown) => isTable(settings) && Object.keys(settings).every((key) => key === 'approval_mode');
  return perTool ? isTable(value) && Object.values(value).every(onlyMode) : onlyMode(value);
}

/** A key as a TOML header writes it: bare where it can be, else quoted. */
const tomlKey = (key: string): string => (/^[A-Za-z0-9_-]+$/.test(key) ? key : stringify({ [key]: 0 }).replace(/ = 0\n$/, ''));

/**
 * The merged text parses, holds our keys for each server, and everything else as before: else the
 * edit met a form it does not know, and the user's file must not get it.
 */
function checkMerged(before: Record<string, unknown>, text: string, ours: Record<string, CodexServerPolicy>, file: string): void {
  const names = Object.keys(ours);
  let after: Record<string, unknown>;
  try {
    after = parseTomlFile(text, file);
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    throw new DataError([issueText({ message: `the policy cannot be merged into this file (${error.lines[0]!.replace(`${file}: `, '')})`, hint: HINT }, file)]);
  }
  const kept = sameTomlData(withoutPolicyKeys(before, names), withoutPolicyKeys(after, names));
  const written = names.every((name) => {
    const server = valueAt(after, ['mcp_servers', name]) as Record<string, unknown>;
    const ownTools = Object.fromEntries(
      Object.entries(isTable(server.tools) ? server.tools : {}).flatMap(([tool, settings]) =>
        isTable(settings) && settings.approval_mode !== undefined ? [[tool, { approval_mode: settings.approval_mode }]] : [],
      ),
    );
    const { tools = {}, ...keys }: Record<string, unknown> & CodexServerPolicy = { ...ours[name]! };
    return SERVER_KEYS.every((key) => sameTomlData(server[key], keys[key])) && sameTomlData(ownTools, { ...tools });
  });
  if (!kept || !written)
    throw new DataError([
      issueText({ message: 'the policy cannot be merged into this file: a server is written in a form the merge does not know', hint: HINT }, file),
    ]);
}
