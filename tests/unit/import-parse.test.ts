import { describe, expect, it } from 'vitest';
import { mergeToolPages, parseToolsList, parseToolsListText } from '../../src/core/import/parse-tools-list.ts';
import { dataErrorLines } from '../support/data-errors.ts';

const FILE = 'dump.json';
const SHAPES = 'expected a tools/list result {"tools": [...]}, a JSON-RPC response {"jsonrpc": "2.0", "id": 1, "result": {"tools": [...]}} or an array of tools';
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
    ['serverInfo inside a corpus dump', { server: { name: 'dir-name', serverInfo: { name: 'srv', title: 'Server', version: '1.2' } }, tools: [] }, { name: 'srv', title: 'Server', version: '1.2' }],
    ['top-level serverInfo', { serverInfo: { name: 'srv' }, tools: [] }, { name: 'srv' }],
    ['only a server name', { server: { name: 'dir-name', serverInfo: null }, tools: [] }, { name: 'dir-name' }],
    ['nothing', { tools: [] }, undefined],
  ])('reads what the server calls itself: %s', (_, input, server) => {
    expect(parseToolsList(input, FILE).server).toEqual(server);
  });

  it('keeps what servers add (_meta, icons, execution) and drops what only editors may write', () => {
    const tool = { ...echo, _meta: { x: 1 }, execution: { taskSupport: 'optional' }, overrides: { level: 'low' }, hash: 'nonsense', firstSeen: 'x' };
    expect(parseToolsList({ tools: [tool] }, FILE).tools).toEqual([{ ...echo, _meta: { x: 1 }, execution: { taskSupport: 'optional' } }]);
  });

  it('reads null annotation hints as not given, and says so', () => {
    const page = parseToolsList({ tools: [echo, { name: 'call_aws', annotations: { readOnlyHint: null, destructiveHint: null, title: 'Call' } }] }, FILE);
    expect(page.tools[1]).toEqual({ name: 'call_aws', annotations: { title: 'Call' } });
    expect(page.notes).toEqual([`${FILE} › tools[1].annotations: readOnlyHint, destructiveHint are null, read as not given`]);
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
    ['a blank name in a bare array', '[{"name": "  "}]', `${FILE} › [0].name: a tool needs a non-empty name, got the string "  "`],
    ['an odd inputSchema', '{"tools": [{"name": "a", "inputSchema": "string"}]}', `${FILE} › tools[0].inputSchema: expected an object, got the string "string"`],
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

  it('says the file is not JSON, with the engine’s reason and a hint', () => {
    const lines = dataErrorLines(() => parseToolsListText('{"tools": [}', FILE));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^dump\.json: not valid JSON: .+ \(hint: check for a trailing comma or a missing quote\)$/);
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

  it('refuses a tool listed twice, on one page or across pages', () => {
    const pages = [
      { context: 'page 1', tools: [{ name: 'a' }, { name: 'b' }, { name: 'b' }] },
      { context: 'page 2', tools: [{ name: 'c' }, { name: 'a' }] },
    ];
    expect(dataErrorLines(() => mergeToolPages(pages))).toEqual([
      'page 1 › tools[2].name: "b" repeats tools[1].name (hint: a server lists each tool once)',
      'page 2 › tools[1].name: "a" repeats tools[0].name of page 1 (hint: a server lists each tool once)',
    ]);
  });

  it('treats names that differ only by case as different tools', () => {
    expect(mergeToolPages([{ context: 'p', tools: [{ name: 'Search' }, { name: 'search' }] }])).toHaveLength(2);
  });
});
