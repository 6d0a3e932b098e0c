import { issueText } from '../errors/friendly.ts';
import { IconSchema, REGISTRIES, TRANSPORTS, type Icon } from '../schema/server.ts';
import { MAX_NESTING, cutBelow, nestedDeeperThan } from './json-depth.ts';

/**
 * What MCP clients accept but the schema would refuse, read the way clients read it, before the
 * schema runs: one code path for data files and tools/list results. Each change leaves one warning
 * line `json.path: what was done`; the caller prefixes the file.
 */

export type JsonPath = readonly (string | number)[];
type JsonObject = Record<string, unknown>;

/** Generous caps: past them a text is read by no one and only makes pages heavy. */
export const MAX_LENGTH = { name: 1_000, title: 1_000, description: 100_000 } as const;
/** A server's description is shown whole on listings of 100 servers: a line, not a manual. */
export const MAX_SERVER_DESCRIPTION = 500;

const OPTIONAL_TOOL_FIELDS = ['title', 'description', 'inputSchema', 'outputSchema', 'annotations', 'icons'];
const OPTIONAL_ICON_FIELDS = ['mimeType', 'sizes', 'theme'];
const OPTIONAL_SERVER_FIELDS = [
  '$schema',
  'slug',
  'description',
  'homepage',
  'repository',
  'package',
  'transport',
  'icons',
  'title',
  'version',
  'websiteUrl',
  'source',
];

const isObject = (value: unknown): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);
const at = (path: JsonPath, message: string) => issueText({ path, message });
const count = (n: number) => n.toLocaleString('en-US');

/** A copy without the listed keys (`'all'`: any key) whose value is null: Python servers send null for "not given". */
export function withoutNulls(object: JsonObject, keys: readonly string[] | 'all', path: JsonPath, warnings: string[]): JsonObject {
  const copy = { ...object };
  for (const key of keys === 'all' ? Object.keys(object) : keys) {
    if (Object.hasOwn(copy, key) && copy[key] === null) {
      delete copy[key];
      warnings.push(at([...path, key], 'null, read as not given'));
    }
  }
  return copy;
}

function capLength(object: JsonObject, key: string, max: number, path: JsonPath, warnings: string[]): void {
  const value = object[key];
  if (typeof value !== 'string' || value.length <= max) return;
  // Never leave half of a surrogate pair at the end.
  object[key] = value.slice(0, /[\uD800-\uDBFF]/.test(value[max - 1]!) ? max - 1 : max);
  warnings.push(at([...path, key], `${count(value.length)} characters, cut to the first ${count(max)}`));
}

/** Values nested too deep to serialise or walk, cut in place (the object is already a copy). */
function cutDeepValues(object: JsonObject, path: JsonPath, warnings: string[], skip?: string): void {
  for (const [key, value] of Object.entries(object)) {
    if (key !== skip && nestedDeeperThan(value, MAX_NESTING)) {
      object[key] = cutBelow(value, MAX_NESTING);
      warnings.push(at([...path, key], `nested more than ${MAX_NESTING} levels deep, read as {} below that`));
    }
  }
}

/** Well-formed icons, kept as sent (nulls read as not given); an odd entry is dropped, never fatal. */
export function normaliseIcons(icons: unknown, path: JsonPath, warnings: string[]): Icon[] {
  if (!Array.isArray(icons)) {
    warnings.push(at(path, 'not an array of icons, ignored'));
    return [];
  }
  const kept: Icon[] = [];
  icons.forEach((icon, index) => {
    const entry = IconSchema.safeParse(isObject(icon) ? withoutNulls(icon, OPTIONAL_ICON_FIELDS, [...path, index], warnings) : icon);
    if (entry.success) kept.push(entry.data);
    else warnings.push(at([...path, index], 'not an icon {"src": "…", "mimeType"?, "sizes"?: ["48x48"], "theme"?}, ignored'));
  });
  return kept;
}

/** One tool as a server sent it, made readable; anything not an object is left for the schema to name. */
export function normaliseTool(raw: unknown, path: JsonPath, warnings: string[]): unknown {
  if (!isObject(raw)) return raw;
  const tool = withoutNulls(raw, OPTIONAL_TOOL_FIELDS, path, warnings);
  cutDeepValues(tool, path, warnings);
  for (const key of ['name', 'title', 'description'] as const) capLength(tool, key, MAX_LENGTH[key], path, warnings);
  if (isObject(tool.annotations)) {
    const annotations = withoutNulls(tool.annotations, 'all', [...path, 'annotations'], warnings);
    capLength(annotations, 'title', MAX_LENGTH.title, [...path, 'annotations'], warnings);
    tool.annotations = annotations;
  }
  if (tool.icons !== undefined) tool.icons = normaliseIcons(tool.icons, [...path, 'icons'], warnings);
  return tool;
}

export function normaliseTools(tools: unknown, path: JsonPath, warnings: string[]): unknown {
  return Array.isArray(tools) ? tools.map((tool, index) => normaliseTool(tool, [...path, index], warnings)) : tools;
}

const unknownValue = (value: string, known: readonly string[]) => `${JSON.stringify(value)} is none of ${known.join(', ')}; kept as sent`;

/** Catalog metadata from other sources (the MCP registry, client configs) names more than we know: said, kept. */
function noteUnknownMetadata(server: JsonObject, warnings: string[]): void {
  if (isObject(server.package) && server.package.registry === '') {
    const { registry: _empty, ...rest } = server.package;
    server.package = rest;
    warnings.push(at(['package', 'registry'], 'empty, read as not given'));
  }
  const registry = isObject(server.package) ? server.package.registry : undefined;
  if (typeof registry === 'string' && !(REGISTRIES as readonly string[]).includes(registry)) {
    warnings.push(at(['package', 'registry'], unknownValue(registry, REGISTRIES)));
  }
  if (!Array.isArray(server.transport)) return;
  if (server.transport.length === 0) {
    delete server.transport;
    warnings.push(at(['transport'], 'an empty list, read as not given'));
    return;
  }
  server.transport.forEach((transport, index) => {
    if (typeof transport === 'string' && transport !== '' && !(TRANSPORTS as readonly string[]).includes(transport))
      warnings.push(at(['transport', index], unknownValue(transport, TRANSPORTS)));
  });
}

/** A data file's top level and its tools. */
export function normaliseServerFile(raw: unknown, warnings: string[]): unknown {
  if (!isObject(raw)) return raw;
  const server = withoutNulls(raw, OPTIONAL_SERVER_FIELDS, [], warnings);
  cutDeepValues(server, [], warnings, 'tools');
  capLength(server, 'description', MAX_SERVER_DESCRIPTION, [], warnings);
  noteUnknownMetadata(server, warnings);
  if (server.icons !== undefined) server.icons = normaliseIcons(server.icons, ['icons'], warnings);
  if (server.tools !== undefined) server.tools = normaliseTools(server.tools, ['tools'], warnings);
  return server;
}

const DEFINITION_KEYS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;

/**
 * Where a tool's definition reaches the caps normaliseTool cuts at: a text of a cap's length (one
 * less when the cut fell before a surrogate pair) or a value nested MAX_NESTING deep. What lay past
 * such a point may have been cut on reading, so two definitions equal up to it may still differ.
 */
export function reachedCaps(tool: Readonly<Record<string, unknown>>): string[] {
  const reached: string[] = [];
  const text = (value: unknown, max: number, where: string) => {
    if (typeof value === 'string' && value.length >= max - 1) reached.push(`${where} reaches the ${count(max)}-character cap`);
  };
  for (const key of ['name', 'title', 'description'] as const) text(tool[key], MAX_LENGTH[key], key);
  if (isObject(tool.annotations)) text(tool.annotations.title, MAX_LENGTH.title, 'annotations.title');
  for (const key of DEFINITION_KEYS) {
    if (nestedDeeperThan(tool[key], MAX_NESTING - 1)) reached.push(`${key} reaches the ${MAX_NESTING}-level nesting cap`);
  }
  return reached;
}
