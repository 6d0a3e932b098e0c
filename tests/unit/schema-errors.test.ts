import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWithFriendlyErrors } from '../../src/core/errors/friendly.ts';
import { ServerFileSchema } from '../../src/core/schema/server.ts';
import { loadCatalogDir, loadServerFile } from '../../src/build/catalog/load.ts';
import { listParameters } from '../../src/core/input-schema/parameters.ts';
import { dataErrorLines } from '../support/data-errors.ts';

const FILE = 'data/servers/x.json';
const UNKNOWN_KEY_HINT = '(hint: remove it or check its spelling; unknown keys are refused so that a typo never goes unnoticed)';
const LISTED_HINT = '(hint: use one of the listed values)';
const JSON_HINT = '(hint: check for a trailing comma or a missing quote)';

const schemaErrors = (input: unknown) => dataErrorLines(() => parseWithFriendlyErrors(ServerFileSchema, input, FILE));
const withTool = (tool: unknown) => ({ name: 'X', tools: [tool] });
const withPolicy = (policy: unknown) => withTool({ name: 'a', overrides: { policy } });

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A catalog directory holding `servers/<name>` for each entry; returns its root. */
function tempCatalog(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'policy-atlas-unit-'));
  tempDirs.push(root);
  mkdirSync(join(root, 'servers'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, 'servers', name), text);
  return root;
}

const loadOne = (name: string, text: string) => {
  const root = tempCatalog({ [name]: text });
  return loadServerFile(join(root, 'servers', name), root);
};

describe('parseWithFriendlyErrors(ServerFileSchema): one exact line per problem', () => {
  it.each<[string, unknown, string]>([
    [
      'readOnlyHint "yes"',
      withTool({ name: 'a', annotations: { readOnlyHint: 'yes' } }),
      `${FILE} › tools[0].annotations.readOnlyHint: expected a boolean (true or false), got the string "yes"`,
    ],
    ['a tool without a name', withTool({ description: 'd' }), `${FILE} › tools[0].name: required, but missing (expected a string)`],
    ['a server without a name', { tools: [] }, `${FILE} › name: required, but missing (expected a string)`],
    ['unknown top-level key', { name: 'X', tools: [], extra: 1 }, `${FILE} › extra: unknown key "extra" ${UNKNOWN_KEY_HINT}`],
    [
      'override level "severe"',
      withTool({ name: 'a', overrides: { level: 'severe' } }),
      `${FILE} › tools[0].overrides.level: expected one of "low", "medium", "high", "critical", got the string "severe" ${LISTED_HINT}`,
    ],
    [
      'unknown key "limit" in overrides.policy',
      withPolicy({ limit: [] }),
      `${FILE} › tools[0].overrides.policy.limit: unknown key "limit" ${UNKNOWN_KEY_HINT}`,
    ],
    [
      'homepage ftp URL',
      { name: 'X', tools: [], homepage: 'ftp://example.org/' },
      `${FILE} › homepage: must be an http(s) URL, got the string "ftp://example.org/"`,
    ],
    ['empty tool name', withTool({ name: '' }), `${FILE} › tools[0].name: a tool needs a non-empty name, got the string ""`],
    ['inputSchema a string', withTool({ name: 'a', inputSchema: 'string' }), `${FILE} › tools[0].inputSchema: expected an object, got the string "string"`],
    ['tools an object', { name: 'X', tools: { a: {} } }, `${FILE} › tools: expected an array, got an object`],
    [
      'a history entry without a date',
      withTool({ name: 'a', history: [{ description: 'Old.' }] }),
      `${FILE} › tools[0].history[0].date: required, but missing (expected a string)`,
    ],
    [
      'a history entry with an unknown key',
      withTool({ name: 'a', history: [{ date: '2025-01-01', descripton: 'Old.' }] }),
      `${FILE} › tools[0].history[0].descripton: unknown key "descripton" ${UNKNOWN_KEY_HINT}`,
    ],
    [
      'condition with an unknown op',
      withPolicy({ deny_if: [{ path: 'args.x', op: 'like', value: 'a' }] }),
      `${FILE} › tools[0].overrides.policy.deny_if[0].op: expected one of "exists", "eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte", "contains", "regex", got the string "like" ${LISTED_HINT}`,
    ],
    [
      'condition with a regex that does not compile',
      withPolicy({ deny_if: [{ path: 'args.x', op: 'regex', value: '(' }] }),
      `${FILE} › tools[0].overrides.policy.deny_if[0].value: must be a regular expression that compiles, got the string "("`,
    ],
    [
      'condition path not under args',
      withPolicy({ require: [{ path: 'x.y', op: 'exists' }] }),
      `${FILE} › tools[0].overrides.policy.require[0].path: must be "args" or "args.<dotted path>", got the string "x.y"`,
    ],
    [
      'gt with a string',
      withPolicy({ deny_if: [{ path: 'args.amount', op: 'gt', value: '5' }] }),
      `${FILE} › tools[0].overrides.policy.deny_if[0].value: expected a number, got the string "5"`,
    ],
  ])('%s', (_label, input, expected) => {
    expect(schemaErrors(input)).toEqual([expected]);
  });

  it('reports every problem of one file, in document order', () => {
    const lines = schemaErrors({ name: 'X', homepage: 'ftp://a.b/', tools: [{ name: '' }, { name: 'b', annotations: { readOnlyHint: 1 } }] });
    expect(lines).toEqual([
      `${FILE} › homepage: must be an http(s) URL, got the string "ftp://a.b/"`,
      `${FILE} › tools[0].name: a tool needs a non-empty name, got the string ""`,
      `${FILE} › tools[1].annotations.readOnlyHint: expected a boolean (true or false), got number 1`,
    ]);
  });
});

describe('loadServerFile: JSON syntax errors name the line and column', () => {
  it.each<[string, string, string]>([
    ['trailing comma (pointed at the comma)', '{\n  "name": "A",\n  "tools": [],\n}\n', 'line 3, column 14'],
    ['missing comma', '{\n  "name": "A"\n  "tools": []\n}\n', 'line 3, column 3'],
    ['unexpected closing brace', '{\n  "name": "A",\n  "tools": [}\n}\n', 'line 3, column 13'],
    ['file cut short', '{\n  "name": "A",\n  "tools": [', 'line 3, column 13'],
  ])('%s', (_label, text, position) => {
    const lines = dataErrorLines(() => loadOne('broken.json', text));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^servers\/broken\.json: not valid JSON: /);
    expect(lines[0]).toContain(`at ${position} ${JSON_HINT}`);
  });
});

describe('loadServerFile: file-level checks', () => {
  it.each<[string, string, string, string[]]>([
    [
      'slug differs from the file name',
      'alpha.json',
      JSON.stringify({ name: 'A', slug: 'beta', tools: [] }),
      ['servers/alpha.json › slug: "beta" differs from the file name "alpha" (hint: rename the file or remove "slug")'],
    ],
    [
      'uppercase file name',
      'MyServer.json',
      JSON.stringify({ name: 'M', tools: [] }),
      ['servers/MyServer.json: the file name must be the server slug: lowercase letters, digits and single dashes (hint: rename it)'],
    ],
    [
      'underscore in the file name',
      'my_server.json',
      JSON.stringify({ name: 'M', tools: [] }),
      ['servers/my_server.json: the file name must be the server slug: lowercase letters, digits and single dashes (hint: rename it)'],
    ],
  ])('%s', (_label, name, text, expected) => {
    expect(dataErrorLines(() => loadOne(name, text))).toEqual(expected);
  });

  it.each([
    ['bare', { tools: [{ name: 'a', inputSchema: { type: 'object' } }] }],
    ['in its JSON-RPC envelope', { jsonrpc: '2.0', id: 1, result: { tools: [] } }],
  ])('says a saved tools/list response (%s) is one, in one line, with the import that fixes it', (_label, json) => {
    expect(dataErrorLines(() => loadOne('raw.json', JSON.stringify(json)))).toEqual([
      'servers/raw.json: this is a tools/list response, not a server file: it has no "name" (hint: move it out of the catalog, then npx policy-atlas import --file <where it went> --out servers/raw.json writes the server file)',
    ]);
  });

  it('accepts a slug field equal to the file name', () => {
    expect(loadOne('alpha.json', JSON.stringify({ name: 'A', slug: 'alpha', tools: [] })).slug).toBe('alpha');
  });
});

describe('loadCatalogDir', () => {
  it('reports a missing servers directory', () => {
    const root = mkdtempSync(join(tmpdir(), 'policy-atlas-unit-'));
    tempDirs.push(root);
    expect(dataErrorLines(() => loadCatalogDir(join(root, 'nope'), root))).toEqual([
      'nope/servers: no such directory (hint: a catalog holds servers/<server-slug>.json files)',
    ]);
  });

  it('collects the problems of every bad file before failing', () => {
    const root = tempCatalog({
      'good.json': JSON.stringify({ name: 'Good', tools: [{ name: 'a' }] }),
      'bad-json.json': '{ "name": "B", }',
      'bad-key.json': JSON.stringify({ name: 'K', tools: [], limit: 1 }),
      'Bad.json': JSON.stringify({ name: 'U', tools: [] }),
      'notes.txt': 'not a data file',
    });
    const lines = dataErrorLines(() => loadCatalogDir(root, root));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe('servers/Bad.json: the file name must be the server slug: lowercase letters, digits and single dashes (hint: rename it)');
    expect(lines[1]).toMatch(/^servers\/bad-json\.json: not valid JSON: .* at line 1, column 14 \(hint: check for a trailing comma or a missing quote\)$/);
    expect(lines.slice(2)).toEqual([`servers/bad-key.json › limit: unknown key "limit" ${UNKNOWN_KEY_HINT}`]);
  });

  it('loads every good file, sorted by name', () => {
    const root = tempCatalog({
      'zeta.json': JSON.stringify({ name: 'Z', tools: [] }),
      'alpha.json': JSON.stringify({ name: 'A', tools: [{ name: 't' }] }),
    });
    expect(loadCatalogDir(root, root).map((s) => [s.slug, s.file])).toEqual([
      ['alpha', 'servers/alpha.json'],
      ['zeta', 'servers/zeta.json'],
    ]);
  });
});

const DEPTH = 2000;
const deepSchemaText = '{"type":"object","properties":{"n":'.repeat(DEPTH) + '{"type":"string"}' + '}}'.repeat(DEPTH);

describe('loadServerFile: what real servers send is tolerated', () => {
  it.each<[string, string, (tool: Record<string, unknown>) => void]>([
    [
      'inputSchema with only $schema',
      JSON.stringify({ name: 'a', inputSchema: { $schema: 'http://json-schema.org/draft-07/schema#' } }),
      (tool) => expect(listParameters(tool.inputSchema)).toEqual([]),
    ],
    [
      'unknown tool keys _meta, icons, execution',
      JSON.stringify({ name: 'a', _meta: { v: 1 }, icons: [{ src: 'https://x/i.png' }], execution: { taskSupport: 'optional' } }),
      (tool) => expect(Object.keys(tool)).toEqual(['name', 'icons', '_meta', 'execution']),
    ],
    ['no description', JSON.stringify({ name: 'a' }), (tool) => expect(tool.description).toBeUndefined()],
    [
      'a 13,000-character description',
      JSON.stringify({ name: 'a', description: 'Reads a record. '.repeat(813).slice(0, 13_000) }),
      (tool) => expect((tool.description as string).length).toBe(13_000),
    ],
    [
      `a schema nested ${DEPTH} levels deep`,
      `{"name":"a","inputSchema":${deepSchemaText}}`,
      (tool) => expect(listParameters(tool.inputSchema).map((p) => p.path)).toEqual(['n', 'n.n', 'n.n.n', 'n.n.n.n']),
    ],
  ])('%s', (_label, toolText, check) => {
    const loaded = loadOne('ok.json', `{"name":"OK","tools":[${toolText}]}`);
    expect(loaded.data.tools).toHaveLength(1);
    check(loaded.data.tools[0] as Record<string, unknown>);
  });
});

describe('loadServerFile: what MCP clients accept is read, with one warning line each', () => {
  const load = (data: unknown) => loadOne('x.json', JSON.stringify(data));
  const X = 'servers/x.json';

  it('reads null in each optional tool field as not given; nulls elsewhere are kept, a null name still refused', () => {
    const kept = { _meta: { 'io.example/v': 1, nested: [null, { x: null }] }, execution: { taskSupport: 'optional' }, futureKey: null };
    const { data, warnings } = load({
      name: 'X',
      tools: [{ name: 'a' }, { name: 'b', title: null, description: null, inputSchema: null, outputSchema: null, annotations: null, icons: null, ...kept }],
    });
    expect(data.tools[1]).toEqual({ name: 'b', ...kept });
    expect(warnings).toEqual(
      ['title', 'description', 'inputSchema', 'outputSchema', 'annotations', 'icons'].map((key) => `${X} › tools[1].${key}: null, read as not given`),
    );
    expect(dataErrorLines(() => load({ name: 'X', tools: [{ name: null }] }))).toEqual([`${X} › tools[0].name: expected a string, got null`]);
  });

  it('reads null annotation hints, title included, as not given', () => {
    const { data, warnings } = load({
      name: 'X',
      tools: [{ name: 'a', annotations: { title: null, readOnlyHint: null, destructiveHint: false, idempotentHint: null, openWorldHint: null } }],
    });
    expect(data.tools[0]!.annotations).toEqual({ destructiveHint: false });
    expect(warnings).toEqual(
      ['title', 'readOnlyHint', 'idempotentHint', 'openWorldHint'].map((key) => `${X} › tools[0].annotations.${key}: null, read as not given`),
    );
  });

  it('reads null in optional server fields as not given', () => {
    const keys = ['$schema', 'slug', 'description', 'homepage', 'repository', 'package', 'transport', 'icons'];
    const { data, warnings } = load({ name: 'X', ...Object.fromEntries(keys.map((key) => [key, null])), tools: [] });
    expect(data).toEqual({ name: 'X', tools: [] });
    expect(warnings).toEqual(keys.map((key) => `${X} › ${key}: null, read as not given`));
  });

  it('cuts a server description past 500 characters, saying so', () => {
    const { data, warnings } = load({ name: 'X', description: 'Long words. '.repeat(60), tools: [] });
    expect(data.description).toBe('Long words. '.repeat(60).slice(0, 500));
    expect(warnings).toEqual([`${X} › description: 720 characters, cut to the first 500`]);
  });

  it("takes the MCP registry's package types and keys without a word, and other registries and transports with a warning", () => {
    const registryPackage = { registry: 'oci', name: 'ghcr.io/example/server', version: '1.2.0', runtimeHint: 'docker' };
    expect(load({ name: 'X', package: registryPackage, transport: ['stdio', 'streamable-http', 'sse'], tools: [] })).toMatchObject({
      data: { package: registryPackage },
      warnings: [],
    });
    for (const registry of ['nuget', 'mcpb']) expect(load({ name: 'X', package: { registry, name: 'p' }, tools: [] }).warnings).toEqual([]);
    const { data, warnings } = load({ name: 'X', package: { registry: 'cargo', name: 'p' }, transport: ['stdio', 'websocket'], tools: [] });
    expect([data.package, data.transport]).toEqual([{ registry: 'cargo', name: 'p' }, ['stdio', 'websocket']]);
    expect(warnings).toEqual([
      `${X} › package.registry: "cargo" is none of npm, pypi, oci, nuget, mcpb, docker, other; kept as sent`,
      `${X} › transport[1]: "websocket" is none of stdio, streamable-http, sse; kept as sent`,
    ]);
  });

  it('takes the rest of what an MCP server says of itself (serverInfo: title, version, websiteUrl) without a word', () => {
    const serverInfo = { title: 'Example Server', version: '2.1.0', websiteUrl: 'https://example.org' };
    expect(load({ name: 'X', ...serverInfo, tools: [] })).toMatchObject({ data: serverInfo, warnings: [] });
    expect(load({ name: 'X', title: null, version: null, websiteUrl: null, tools: [] }).data).toEqual({ name: 'X', tools: [] });
  });

  it('reads an empty transport list and an empty package registry as not given', () => {
    const { data, warnings } = load({ name: 'X', transport: [], package: { registry: '', name: 'p' }, tools: [] });
    expect(data).toEqual({ name: 'X', package: { name: 'p' }, tools: [] });
    expect(warnings).toEqual([`${X} › package.registry: empty, read as not given`, `${X} › transport: an empty list, read as not given`]);
  });

  it('keeps both tools of a repeated name, with a warning', () => {
    const { data, warnings } = load({ name: 'D', tools: [{ name: 'x' }, { name: 'y' }, { name: 'x', description: 'second' }, { name: 'y' }] });
    expect(data.tools.map((t) => t.name)).toEqual(['x', 'y', 'x', 'y']);
    expect(warnings).toEqual([
      `${X} › tools[2].name: "x" repeats tools[0].name; both are kept, each with its own page (hint: a server lists each tool once)`,
      `${X} › tools[3].name: "y" repeats tools[1].name; both are kept, each with its own page (hint: a server lists each tool once)`,
    ]);
  });

  it.each(['my tool', '  padded  ', '   ', 'a'.repeat(129), 'ünïcode', 'slash/name'])('keeps the name %j exactly as sent, with a warning', (name) => {
    const { data, warnings } = load({ name: 'X', tools: [{ name }] });
    expect(data.tools[0]!.name).toBe(name);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^servers\/x\.json › tools\[0\]\.name: ".*" is outside MCP's tool-name rule \(1 to 128 of A-Z a-z 0-9 _ - \.\), kept as sent$/);
  });

  it('names within the rule, 128 characters included, pass without a word', () => {
    expect(load({ name: 'X', tools: [{ name: 'a'.repeat(128) }, { name: 'A-b_c.d9' }] }).warnings).toEqual([]);
  });

  it('keeps a hostile name on the one line of its warning', () => {
    const [warning] = load({ name: 'X', tools: [{ name: 'a\nb\r\u2028c\u2029d\u0085e\u001b[31m\u202ef' }] }).warnings;
    expect(warning).not.toMatch(/[\n\r\u2028\u2029\u0085\u001b\u202e]/);
    expect(warning).toContain('"a\\nb\\r\\u2028c\\u2029d\\u0085e\\u001b[31m\\u202ef"');
  });

  it('cuts names, titles and descriptions past generous caps, saying so', () => {
    const tool = { name: 'n'.repeat(1_500), title: 't'.repeat(2_000), description: 'd'.repeat(150_000), annotations: { title: 'a'.repeat(1_001) } };
    const { data, warnings } = load({ name: 'X', tools: [tool] });
    const read = data.tools[0]!;
    expect([read.name.length, read.title!.length, read.description!.length, read.annotations!.title!.length]).toEqual([1_000, 1_000, 100_000, 1_000]);
    expect(warnings).toEqual([
      `${X} › tools[0].name: 1,500 characters, cut to the first 1,000`,
      `${X} › tools[0].title: 2,000 characters, cut to the first 1,000`,
      `${X} › tools[0].description: 150,000 characters, cut to the first 100,000`,
      `${X} › tools[0].annotations.title: 1,001 characters, cut to the first 1,000`,
      `${X} › tools[0].name: "${'n'.repeat(60)}…" is outside MCP's tool-name rule (1 to 128 of A-Z a-z 0-9 _ - .), kept as sent`,
    ]);
  });

  it('never cuts a description inside an emoji', () => {
    const description = `${'d'.repeat(99_999)}😀 and more`;
    expect(load({ name: 'X', tools: [{ name: 'a', description }] }).data.tools[0]!.description).toBe('d'.repeat(99_999));
  });

  it('keeps well-formed icons as sent, SVG too, and drops odd entries with a warning', () => {
    const good = { src: 'https://example.org/i.png', mimeType: 'image/png', sizes: ['48x48'], theme: 'dark' };
    const svg = { src: 'data:image/svg+xml;base64,PHN2Zy8+' };
    const { data, warnings } = load({
      name: 'X',
      icons: [good],
      tools: [
        { name: 'a', icons: [good, 'icon.png', { src: 5 }, { src: 'x', sizes: '48x48' }, { ...svg, mimeType: null }] },
        { name: 'b', icons: 'icon.png' },
      ],
    });
    expect(data.icons).toEqual([good]);
    expect(data.tools[0]!.icons).toEqual([good, svg]);
    expect(data.tools[1]!.icons).toEqual([]);
    const odd = 'not an icon {"src": "…", "mimeType"?, "sizes"?: ["48x48"], "theme"?}, ignored';
    expect(warnings).toEqual([
      `${X} › tools[0].icons[1]: ${odd}`,
      `${X} › tools[0].icons[2]: ${odd}`,
      `${X} › tools[0].icons[3]: ${odd}`,
      `${X} › tools[0].icons[4].mimeType: null, read as not given`,
      `${X} › tools[1].icons: not an array of icons, ignored`,
    ]);
  });

  it('loadCatalogDir loads a file with warnings and keeps them with its server', () => {
    const root = tempCatalog({ 'py.json': JSON.stringify({ name: 'Py', description: null, tools: [{ name: 'a', description: null }] }) });
    const [server] = loadCatalogDir(root, root);
    expect(server!.data.tools).toEqual([{ name: 'a' }]);
    expect(server!.warnings).toEqual([
      'servers/py.json › description: null, read as not given',
      'servers/py.json › tools[0].description: null, read as not given',
    ]);
  });

  it('a clean file has no warnings', () => {
    expect(load({ name: 'X', tools: [{ name: 'a', description: 'Reads.' }] }).warnings).toEqual([]);
  });
});
