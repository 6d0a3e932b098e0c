import { z } from 'zod';
import { DataError, issueText, parseWithFriendlyErrors } from '../errors/friendly.ts';
import { parseJsonFile } from '../errors/json-text.ts';
import { ToolSchema, type Icon, type Tool } from '../schema/server.ts';
import { normaliseIcons, normaliseTools, withoutNulls, type JsonPath } from '../catalog/normalise.ts';
import { toolNameWarnings, quotedName } from '../catalog/tool-names.ts';

/** What a server says about itself (MCP `serverInfo`), when the input carries it. */
export interface ServerInfo {
  name?: string;
  title?: string;
  version?: string;
  /** Well-formed icons only (MCP 2025-11-25); whether one is shown is decided when a page renders. */
  icons?: Icon[];
}

export interface ToolsListPage {
  tools: Tool[];
  nextCursor?: string;
  server?: ServerInfo;
  /** What was normalised on the way in, one line each, for the user to see. */
  notes?: string[];
}

// Keys only the catalog's editors and the importer write: a server cannot rate its own tools.
const EDITORIAL_KEYS = ['overrides', 'hash', 'firstSeen', 'lastChanged', 'history'] as const;
const ServerToolSchema = ToolSchema.omit({ overrides: true, hash: true, firstSeen: true, lastChanged: true, history: true });
const PageSchema = z.looseObject({ tools: z.array(ServerToolSchema), nextCursor: z.string().optional() });
const ResponseSchema = z.looseObject({ result: PageSchema });

const SHAPES = 'a tools/list result {"tools": [...]}, a JSON-RPC response {"jsonrpc": "2.0", "id": 1, "result": {"tools": [...]}} or an array of tools';
const SHAPES_HINT = 'save what the server returned for tools/list';

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);

function describe(value: unknown): string {
  if (isObject(value)) {
    const keys = Object.keys(value);
    return keys.length === 0
      ? 'an empty object'
      : `an object with keys ${keys
          .slice(0, 5)
          .map((k) => JSON.stringify(k))
          .join(', ')}${keys.length > 5 ? ', …' : ''}`;
  }
  if (value === null) return 'null';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  return `the ${typeof value} ${String(value)}`;
}

function withoutEditorialKeys(tool: Tool): Tool {
  const copy: Record<string, unknown> = { ...tool };
  for (const key of EDITORIAL_KEYS) delete copy[key];
  return copy as Tool;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value : undefined);

/** serverInfo from a dump (`{"server": {"name", "serverInfo"}}`, as the corpus saves them) or `{"serverInfo"}`. */
function serverInfoOf(root: Record<string, unknown>, notes: string[]): ServerInfo | undefined {
  const server = isObject(root.server) ? root.server : undefined;
  const infoPath: JsonPath = isObject(root.serverInfo) ? ['serverInfo'] : ['server', 'serverInfo'];
  const info = isObject(root.serverInfo) ? root.serverInfo : server && isObject(server.serverInfo) ? server.serverInfo : undefined;
  const icons = info?.icons === undefined || info.icons === null ? [] : normaliseIcons(info.icons, [...infoPath, 'icons'], notes);
  const found: ServerInfo = {
    name: text(info?.name) ?? text(server?.name),
    title: text(info?.title),
    version: text(info?.version) ?? text(server?.version),
    icons: icons.length > 0 ? icons : undefined,
  };
  return found.name || found.title ? Object.fromEntries(Object.entries(found).filter(([, v]) => v !== undefined)) : undefined;
}

function errorResponse(error: unknown, context: string): DataError {
  const detail =
    isObject(error) && (typeof error.code === 'number' || typeof error.message === 'string')
      ? [error.code, error.message].filter((part) => part !== undefined).join(' ')
      : JSON.stringify(error)?.slice(0, 200);
  return new DataError([
    issueText(
      {
        path: ['error'],
        message: `the server answered with an error instead of a tool list: ${detail}`,
        hint: 'save the result of a successful tools/list call',
      },
      context,
    ),
  ]);
}

/** A result object read as clients read it: nulls as not given, tools normalised as the catalog loader does. */
function normalisePage(page: Record<string, unknown>, path: JsonPath, notes: string[]): Record<string, unknown> {
  const copy = withoutNulls(page, ['nextCursor'], path, notes);
  if ('tools' in copy) copy.tools = normaliseTools(copy.tools, [...path, 'tools'], notes);
  return copy;
}

/** One tools/list page from parsed JSON, in any of the three shapes; throws a DataError naming the JSON path. */
export function parseToolsList(json: unknown, context: string): ToolsListPage {
  let page: z.output<typeof PageSchema>;
  let server: ServerInfo | undefined;
  let toolsPath: JsonPath;
  const notes: string[] = [];
  if (Array.isArray(json)) {
    toolsPath = [];
    page = { tools: parseWithFriendlyErrors(z.array(ServerToolSchema), normaliseTools(json, toolsPath, notes), context) };
  } else if (isObject(json) && 'error' in json && !('tools' in json)) {
    throw errorResponse(json.error, context);
  } else if (isObject(json) && 'result' in json && !('tools' in json)) {
    toolsPath = ['result', 'tools'];
    const result = isObject(json.result) ? normalisePage(json.result, ['result'], notes) : json.result;
    page = parseWithFriendlyErrors(ResponseSchema, { ...json, result }, context).result;
  } else if (isObject(json) && 'tools' in json) {
    toolsPath = ['tools'];
    page = parseWithFriendlyErrors(PageSchema, normalisePage(json, [], notes), context);
    server = serverInfoOf(json, notes);
  } else {
    throw new DataError([issueText({ path: [], message: `expected ${SHAPES}, got ${describe(json)}`, hint: SHAPES_HINT }, context)]);
  }
  notes.push(...toolNameWarnings(page.tools, toolsPath));
  const result: ToolsListPage = { tools: page.tools.map(withoutEditorialKeys) };
  // An empty cursor ends the list too: some servers send "" rather than leaving it out.
  if (page.nextCursor) result.nextCursor = page.nextCursor;
  if (server) result.server = server;
  if (notes.length > 0) result.notes = notes.map((note) => `${context} › ${note}`);
  return result;
}

/** Like parseToolsList, from the text of a file. */
export function parseToolsListText(source: string, context: string): ToolsListPage {
  return parseToolsList(parseJsonFile(source, context), context);
}

/**
 * The tools of all pages in order, every one kept: MCP clients keep a name listed twice too. A name
 * that repeats one of an earlier page goes to `warnings`; repeats within a page are in that page's
 * notes already (parseToolsList, parseServerFile).
 */
export function mergeToolPages(pages: readonly { context: string; tools: readonly Tool[] }[], warnings: string[] = []): Tool[] {
  const seen = new Map<string, { context: string; index: number }>();
  for (const page of pages) {
    page.tools.forEach((tool, index) => {
      const first = seen.get(tool.name);
      if (!first) seen.set(tool.name, { context: page.context, index });
      else if (first.context !== page.context) {
        warnings.push(
          `${page.context} › tools[${index}].name: ${quotedName(tool.name)} repeats tools[${first.index}].name of ${first.context}; both are kept (hint: a server lists each tool once)`,
        );
      }
    });
  }
  return pages.flatMap((page) => page.tools);
}
