import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadServerFile } from '../../src/build/catalog/load.ts';
import { mergeImport } from '../../src/core/import/merge.ts';
import { mergeToolPages, parseToolsList, parseToolsListText } from '../../src/core/import/parse-tools-list.ts';
import { dataErrorLines } from '../support/data-errors.ts';

const FILE = 'dump.json';
const SHAPES =
  'expected a tools/list result {"tools": [...]}, a JSON-RPC response {"jsonrpc": "2.0", "id": 1, "result": {"tools": [...]}} or an array of tools';
const SHAPES_HINT = '(hint: save what the server returned for tools/list)';
const echo = { name: 'echo', description: 'Echoes.', inputSchema: { type: 'object' } };
const sum = { name: 'get_sum', annotations: { readOnlyHint: true } };

describe('parseToolsList: the three input shapes', () => {
  it.each<[string, unknown]>([
    ['a tools/list result', { tools: [echo, sum] }],
    ['a whole JSON-RPC response', { jsonrpc: '2.0', id: 1, result: { tools: [echo, sum] } }],
    ['a bare array of tools', [echo, sum]],
    ['a corpus dump with server metadata', { server: { name: 'everything' }, collection: {}, tools: [echo, sum] }],
  ])('%s', (_, input) => {
    const page = parseToolsList(input, FILE);
    expect(page.tools).toEqual([echo, sum]);
    expect(page.nextCursor).toBeUndefined();
  });

  it('keeps nextCursor, but not an empty one', () => {
    expect(parseToolsList({ tools: [echo], nextCursor: 'abc' }, FILE).nextCursor).toBe('abc');
    expect(parseToolsList({ result: { tools: [echo], nextCursor: 'p2' } }, FILE).nextCursor).toBe('p2');
    expect(parseToolsList({ tools: [echo], nextCursor: '' }, FILE).nextCursor).toBeUndefined();
  });

  it.each<[string, unknown, object | undefined]>([
    [
      'serverInfo inside a corpus dump',
      { server: { name: 'dir-name', serverInfo: { name: 'srv', title: 'Server', version: '1.2' } }, tools: [] },
      { name: 'srv', title: 'Server', version: '1.2' },
    ],
    ['top-level serverInfo', { serverInfo: { name: 'srv' }, tools: [] }, { name: 'srv' }],
    ['only a server name', { server: { name: 'dir-name', serverInfo: null }, tools: [] }, { name: 'dir-name' }],
    ['nothing', { tools: [] }, undefined],
  ])('reads what the server calls itself: %s', (_, input, server) => {
    expect(parseToolsList(input, FILE).server).toEqual(server);
  });

  it('keeps what servers add (_meta, icons, execution) and drops what only editors may write', () => {
    const tool = {
      ...echo,
      _meta: { x: 1 },
      execution: { taskSupport: 'optional' },
      overrides: { level: 'low' },
      hash: 'nonsense',
      firstSeen: 'x',
      history: [{ date: 'x' }],
    };
    expect(parseToolsList({ tools: [tool] }, FILE).tools).toEqual([{ ...echo, _meta: { x: 1 }, execution: { taskSupport: 'optional' } }]);
  });

  it('reads null annotation hints as not given, and says so', () => {
    const page = parseToolsList({ tools: [echo, { name: 'call_aws', annotations: { readOnlyHint: null, destructiveHint: null, title: 'Call' } }] }, FILE);
    expect(page.tools[1]).toEqual({ name: 'call_aws', annotations: { title: 'Call' } });
    expect(page.notes).toEqual([
      `${FILE} › tools[1].annotations.readOnlyHint: null, read as not given`,
      `${FILE} › tools[1].annotations.destructiveHint: null, read as not given`,
    ]);
  });
});

describe('parseToolsList: broken input, one exact line naming the JSON path', () => {
  it.each<[string, string, string]>([
    ['no tools', '{"items": []}', `${FILE} › (root): ${SHAPES}, got an object with keys "items" ${SHAPES_HINT}`],
    ['an empty object', '{}', `${FILE} › (root): ${SHAPES}, got an empty object ${SHAPES_HINT}`],
    ['a number', '42', `${FILE} › (root): ${SHAPES}, got the number 42 ${SHAPES_HINT}`],
    ['null', 'null', `${FILE} › (root): ${SHAPES}, got null ${SHAPES_HINT}`],
    ['tools not an array', '{"tools": {"name": "a"}}', `${FILE} › tools: expected an array, got an object`],
    ['result.tools not an array', '{"jsonrpc": "2.0", "id": 1, "result": {"tools": "x"}}', `${FILE} › result.tools: expected an array, got the string "x"`],
    ['a result without tools', '{"jsonrpc": "2.0", "id": 1, "result": {}}', `${FILE} › result.tools: required, but missing (expected an array)`],
    ['a tool without name', '{"tools": [{"name": "a"}, {"description": "x"}]}', `${FILE} › tools[1].name: required, but missing (expected a string)`],
    ['an empty name in a bare array', '[{"name": ""}]', `${FILE} › [0].name: a tool needs a non-empty name, got the string ""`],
    [
      'an odd inputSchema',
      '{"tools": [{"name": "a", "inputSchema": "string"}]}',
      `${FILE} › tools[0].inputSchema: expected an object, got the string "string"`,
    ],
    [
      'an error response',
      '{"jsonrpc": "2.0", "id": 1, "error": {"code": -32601, "message": "Method not found"}}',
      `${FILE} › error: the server answered with an error instead of a tool list: -32601 Method not found (hint: save the result of a successful tools/list call)`,
    ],
    [
      'an error response of an odd shape',
      '{"jsonrpc": "2.0", "id": 1, "error": "boom"}',
      `${FILE} › error: the server answered with an error instead of a tool list: "boom" (hint: save the result of a successful tools/list call)`,
    ],
  ])('%s', (_, text, line) => {
    expect(dataErrorLines(() => parseToolsListText(text, FILE))).toEqual([line]);
  });

  it('says the file is not JSON, with the reason, the line and column and a hint, never echoing the text', () => {
    const lines = dataErrorLines(() => parseToolsListText('{"tools": [}', FILE));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dump\.json: not valid JSON: .+ \(hint: check for a trailing comma or a missing quote\)$/);
    expect(lines[0]).toBe('dump.json: not valid JSON: expected a value, got "}" at line 1, column 12 (hint: check for a trailing comma or a missing quote)');
    expect(dataErrorLines(() => parseToolsListText('{"tools": [\n  {"name": "a"},\n]}', FILE))[0]).not.toContain('\n');
  });

  it('lists every broken tool, not only the first', () => {
    expect(dataErrorLines(() => parseToolsList({ tools: [{}, { name: 'ok' }, { name: 3 }] }, FILE))).toEqual([
      `${FILE} › tools[0].name: required, but missing (expected a string)`,
      `${FILE} › tools[2].name: expected a string, got number 3`,
    ]);
  });
});

describe('mergeToolPages: pagination', () => {
  it('concatenates pages in order', () => {
    const pages = [
      { context: 'page 1', tools: [{ name: 'a' }, { name: 'b' }] },
      { context: 'page 2', tools: [] },
      { context: 'page 3', tools: [{ name: 'c' }] },
    ];
    expect(mergeToolPages(pages).map((t) => t.name)).toEqual(['a', 'b', 'c']);
  });

  it('keeps a tool listed twice across pages, with a warning; repeats within a page are the page’s notes', () => {
    const pages = [
      { context: 'page 1', tools: [{ name: 'a' }, { name: 'b' }, { name: 'b' }] },
      { context: 'page 2', tools: [{ name: 'c' }, { name: 'a' }] },
    ];
    const warnings: string[] = [];
    expect(mergeToolPages(pages, warnings).map((t) => t.name)).toEqual(['a', 'b', 'b', 'c', 'a']);
    expect(warnings).toEqual(['page 2 › tools[1].name: "a" repeats tools[0].name of page 1; both are kept (hint: a server lists each tool once)']);
  });

  it('treats names that differ only by case as different tools', () => {
    expect(mergeToolPages([{ context: 'p', tools: [{ name: 'Search' }, { name: 'search' }] }])).toHaveLength(2);
  });
});

describe('parseToolsList: what MCP clients accept is read, with one note each', () => {
  it.each<[string, unknown, string]>([
    ['a tools/list result', { tools: [{ name: 'a', description: null }] }, 'tools[0]'],
    ['a JSON-RPC response', { jsonrpc: '2.0', id: 1, result: { tools: [{ name: 'a', description: null }] } }, 'result.tools[0]'],
    ['a bare array', [{ name: 'a', description: null }], '[0]'],
  ])('reads "description": null as not given in %s', (_, input, path) => {
    const page = parseToolsList(input, FILE);
    expect(page.tools).toEqual([{ name: 'a' }]);
    expect(page.notes).toEqual([`${FILE} › ${path}.description: null, read as not given`]);
  });

  it('reads null in every optional field, and a null nextCursor, as not given', () => {
    const tool = { name: 'b', title: null, description: null, inputSchema: null, outputSchema: null, annotations: null, icons: null };
    const page = parseToolsList({ tools: [echo, tool], nextCursor: null }, FILE);
    expect(page.tools).toEqual([echo, { name: 'b' }]);
    expect(page.nextCursor).toBeUndefined();
    expect(page.notes).toEqual([
      `${FILE} › nextCursor: null, read as not given`,
      ...['title', 'description', 'inputSchema', 'outputSchema', 'annotations', 'icons'].map((key) => `${FILE} › tools[1].${key}: null, read as not given`),
    ]);
  });

  it('keeps names exactly as sent, spaces included, noting those outside MCP’s rule', () => {
    const page = parseToolsList({ tools: [{ name: ' get file ' }, { name: 'ok_name' }] }, FILE);
    expect(page.tools.map((t) => t.name)).toEqual([' get file ', 'ok_name']);
    expect(page.notes).toEqual([`${FILE} › tools[0].name: " get file " is outside MCP's tool-name rule (1 to 128 of A-Z a-z 0-9 _ - .), kept as sent`]);
  });

  it('keeps both tools of a name listed twice on one page, with a note', () => {
    const page = parseToolsList(
      {
        tools: [
          { name: 'a', description: 'one' },
          { name: 'a', description: 'two' },
        ],
      },
      FILE,
    );
    expect(page.tools.map((t) => t.description)).toEqual(['one', 'two']);
    expect(page.notes).toEqual([
      `${FILE} › tools[1].name: "a" repeats tools[0].name; both are kept, each with its own page (hint: a server lists each tool once)`,
    ]);
  });

  it('cuts a description past 100,000 characters, saying so', () => {
    const page = parseToolsList({ tools: [{ name: 'a', description: 'x'.repeat(100_001) }] }, FILE);
    expect(page.tools[0]!.description).toHaveLength(100_000);
    expect(page.notes).toEqual([`${FILE} › tools[0].description: 100,001 characters, cut to the first 100,000`]);
  });

  it('keeps well-formed icons, of tools and of serverInfo, and drops odd entries with a note', () => {
    const icon = { src: 'https://example.org/i.png', sizes: ['48x48'] };
    const page = parseToolsList({ serverInfo: { name: 's', icons: [icon, 7] }, tools: [{ name: 'a', icons: [icon, { src: null }] }] }, FILE);
    expect(page.tools[0]!.icons).toEqual([icon]);
    expect(page.server).toEqual({ name: 's', icons: [icon] });
    const odd = 'not an icon {"src": "…", "mimeType"?, "sizes"?: ["48x48"], "theme"?}, ignored';
    expect(page.notes).toEqual([`${FILE} › tools[0].icons[1]: ${odd}`, `${FILE} › serverInfo.icons[1]: ${odd}`]);
  });
});

describe('import, end to end in the core: what servers add survives', () => {
  it('keeps _meta, execution, icons and unknown keys from tools/list to the data file and back', () => {
    const sent = {
      name: 'a',
      description: null,
      _meta: { 'io.example/ui': { x: [1, null] } },
      execution: { taskSupport: 'optional' },
      icons: [{ src: 'data:image/png;base64,iVBORw0KGgo=', mimeType: 'image/png' }],
      futureKey: { y: true },
    };
    const page = parseToolsList({ tools: [sent] }, FILE);
    const { file } = mergeImport({ tools: page.tools, now: new Date('2026-01-02T00:00:00Z'), name: 'S' });
    const dir = mkdtempSync(join(tmpdir(), 'policy-atlas-unit-'));
    try {
      mkdirSync(join(dir, 'servers'));
      writeFileSync(join(dir, 'servers', 's.json'), JSON.stringify(file, null, 2));
      const loaded = loadServerFile(join(dir, 'servers', 's.json'), dir);
      const { description: _null, ...kept } = sent;
      expect(loaded.data.tools[0]).toMatchObject(kept);
      expect(loaded.data.tools[0]).not.toHaveProperty('description');
      expect(loaded.warnings).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
