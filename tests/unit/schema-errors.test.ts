import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseWithFriendlyErrors } from '../../src/core/errors/friendly.ts';
import { ServerFileSchema } from '../../src/core/schema/server.ts';
import { loadCatalogDir, loadServerFile } from '../../src/core/catalog/load.ts';
import { listParameters } from '../../src/core/catalog/parameters.ts';
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
    ['homepage ftp URL', { name: 'X', tools: [], homepage: 'ftp://example.org/' }, `${FILE} › homepage: must be an http(s) URL, got the string "ftp://example.org/"`],
    ['empty tool name', withTool({ name: '' }), `${FILE} › tools[0].name: a tool needs a non-empty name, got the string ""`],
    ['blank tool name', withTool({ name: '   ' }), `${FILE} › tools[0].name: a tool needs a non-empty name, got the string "   "`],
    ['inputSchema a string', withTool({ name: 'a', inputSchema: 'string' }), `${FILE} › tools[0].inputSchema: expected an object, got the string "string"`],
    ['tools an object', { name: 'X', tools: { a: {} } }, `${FILE} › tools: expected an array, got an object`],
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
    [
      'transport not in the list',
      { name: 'X', tools: [], transport: ['ws'] },
      `${FILE} › transport[0]: expected one of "stdio", "streamable-http", "sse", got the string "ws" ${LISTED_HINT}`,
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
      'duplicate tool names',
      'dup.json',
      JSON.stringify({ name: 'D', tools: [{ name: 'x' }, { name: 'y' }, { name: 'x' }, { name: 'y' }] }),
      [
        'servers/dup.json › tools[2].name: "x" repeats tools[0].name (hint: a server lists each tool once)',
        'servers/dup.json › tools[3].name: "y" repeats tools[1].name (hint: a server lists each tool once)',
      ],
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
      'dup.json': JSON.stringify({ name: 'D', tools: [{ name: 'a' }, { name: 'a' }] }),
      'notes.txt': 'not a data file',
    });
    const lines = dataErrorLines(() => loadCatalogDir(root, root));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('servers/Bad.json: the file name must be the server slug: lowercase letters, digits and single dashes (hint: rename it)');
    expect(lines[1]).toMatch(/^servers\/bad-json\.json: not valid JSON: .* at line 1, column 14 \(hint: check for a trailing comma or a missing quote\)$/);
    expect(lines.slice(2)).toEqual([
      `servers/bad-key.json › limit: unknown key "limit" ${UNKNOWN_KEY_HINT}`,
      'servers/dup.json › tools[1].name: "a" repeats tools[0].name (hint: a server lists each tool once)',
    ]);
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
      (tool) => expect(Object.keys(tool)).toEqual(['name', '_meta', 'icons', 'execution']),
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
