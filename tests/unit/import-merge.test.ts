import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, parseWithFriendlyErrors } from '../../src/core/errors/friendly.ts';
import { canonicalJson, changedFields, toolHash } from '../../src/core/history/definition-hash.ts';
import { describeChanges, isoDate, mergeImport } from '../../src/core/import/merge.ts';
import { ServerFileSchema, type ServerFile, type Tool } from '../../src/core/schema/server.ts';

const DAY1 = new Date('2025-01-10T12:00:00Z');
const DAY2 = new Date('2025-02-20T08:30:00Z');
const list: Tool = { name: 'list_notes', description: 'Lists notes.', inputSchema: { type: 'object', properties: { folder: { type: 'string' } } } };
const del: Tool = { name: 'delete_note', description: 'Deletes a note.', annotations: { destructiveHint: true } };
const run: Tool = { name: 'run_query', description: 'Runs SQL.' };

/** A first import on DAY1, as the starting data file. */
const firstImport = (tools: Tool[], extra: Partial<ServerFile> = {}) => ({ ...mergeImport({ tools, now: DAY1, serverName: 'Notes' }).file, ...extra });

describe('toolHash', () => {
  it('is 12 hex digits and the same whatever the key order, at any depth', () => {
    const a = {
      name: 't',
      inputSchema: { type: 'object', properties: { b: { type: 'string', description: 'x' }, a: { type: 'number' } } },
      annotations: { readOnlyHint: true, title: 'T' },
    };
    const b = {
      annotations: { title: 'T', readOnlyHint: true },
      inputSchema: { properties: { a: { type: 'number' }, b: { description: 'x', type: 'string' } }, type: 'object' },
      name: 't',
    };
    expect(toolHash(a)).toMatch(/^[0-9a-f]{12}$/);
    expect(toolHash(b)).toBe(toolHash(a));
  });

  it('is stable across key order for any JSON (property)', () => {
    const shuffle = (value: unknown): unknown => {
      if (Array.isArray(value)) return value.map(shuffle);
      if (value && typeof value === 'object')
        return Object.fromEntries(
          Object.entries(value)
            .reverse()
            .map(([k, v]) => [k, shuffle(v)]),
        );
      return value;
    };
    fc.assert(fc.property(fc.jsonValue(), (schema) => toolHash({ name: 'x', inputSchema: schema }) === toolHash({ name: 'x', inputSchema: shuffle(schema) })));
  });

  it.each<[string, Record<string, unknown>]>([
    ['name', { name: 'list_notes2' }],
    ['title', { title: 'List' }],
    ['description', { description: 'Lists all notes.' }],
    ['inputSchema', { inputSchema: { type: 'object' } }],
    ['outputSchema', { outputSchema: { type: 'object' } }],
    ['annotations', { annotations: { readOnlyHint: true } }],
    ['array order', { inputSchema: { type: 'object', required: ['b', 'a'] } }],
  ])('changes when %s changes', (_, change) => {
    const base = { ...list, inputSchema: { type: 'object', required: ['a', 'b'] } };
    expect(toolHash({ ...base, ...change })).not.toBe(toolHash(base));
  });

  it.each<[string, Record<string, unknown>]>([
    ['overrides', { overrides: { level: 'high' } }],
    ['import dates', { firstSeen: '2020-01-01', lastChanged: '2020-01-01', hash: '000000000000' }],
    ['_meta', { _meta: { version: 2 } }],
  ])('ignores %s', (_, extra) => {
    expect(toolHash({ ...list, ...extra })).toBe(toolHash(list));
  });

  it('canonicalJson sorts keys and drops undefined like JSON.stringify', () => {
    expect(canonicalJson({ b: 1, a: [{ d: undefined, c: null }], e: undefined })).toBe('{"a":[{"c":null}],"b":1}');
  });

  it('changedFields names what differs', () => {
    expect(changedFields(list, { ...list, description: 'x', annotations: {} })).toEqual(['description', 'annotations']);
    expect(changedFields(list, { ...list })).toEqual([]);
  });
});

describe('mergeImport', () => {
  it('a first import: every tool added, hashed and dated today', () => {
    const { file, changes } = mergeImport({ tools: [list, del], now: DAY1, serverName: 'Notes', transport: 'stdio' });
    expect(file).toEqual({
      name: 'Notes',
      transport: ['stdio'],
      tools: [
        { ...list, hash: toolHash(list), firstSeen: '2025-01-10', lastChanged: '2025-01-10' },
        { ...del, hash: toolHash(del), firstSeen: '2025-01-10', lastChanged: '2025-01-10' },
      ],
    });
    expect(changes).toEqual({ added: ['list_notes', 'delete_note'], removed: [], changed: [], unchanged: [], metadata: [] });
    expect(() => parseWithFriendlyErrors(ServerFileSchema, file, 'x.json')).not.toThrow();
  });

  it('detects added, removed and changed tools, and keeps the rest as they were', () => {
    const existing = firstImport([list, del]);
    const changedList = { ...list, description: 'Lists every note.' };
    const { file, changes } = mergeImport({ existing, tools: [changedList, run], now: DAY2 });
    expect(changes).toEqual({
      added: ['run_query'],
      removed: [{ name: 'delete_note', hadOverrides: false }],
      changed: [{ name: 'list_notes', fields: ['description'] }],
      unchanged: [],
      metadata: [],
    });
    expect(file.tools.map((t) => [t.name, t.firstSeen, t.lastChanged])).toEqual([
      ['list_notes', '2025-01-10', '2025-02-20'],
      ['run_query', '2025-02-20', '2025-02-20'],
    ]);
    expect(file.tools[0]!.hash).toBe(toolHash(changedList));
  });

  it('keeps firstSeen and lastChanged when nothing changed, even when the server reorders keys', () => {
    const existing = firstImport([list]);
    const reordered = JSON.parse(JSON.stringify({ inputSchema: list.inputSchema, description: list.description, name: list.name })) as Tool;
    const { file, changes } = mergeImport({ existing, tools: [reordered], now: DAY2 });
    expect(changes.unchanged).toEqual(['list_notes']);
    expect(changes.changed).toEqual([]);
    expect(file).toEqual(existing);
    expect(describeChanges('notes.json', changes)).toEqual(['notes.json: no changes (1 tool)']);
  });

  it('keeps editorial overrides and server metadata of the existing file', () => {
    const overrides = { level: 'high' as const, rationale: 'Checked by hand.' };
    const existing = firstImport([list, del], { description: 'Notes server.', homepage: 'https://example.com', slug: 'notes' });
    existing.tools[0] = { ...existing.tools[0]!, overrides };
    const { file } = mergeImport({ existing, tools: [{ ...list, description: 'New text.' }, del], now: DAY2, serverName: 'Something Else' });
    expect(file.name).toBe('Notes');
    expect(file.description).toBe('Notes server.');
    expect(file.homepage).toBe('https://example.com');
    expect(file.slug).toBe('notes');
    expect(file.tools[0]!.overrides).toEqual(overrides);
    expect(file.tools[0]!.description).toBe('New text.');
    expect(Object.keys(file)).toEqual(Object.keys(existing));
  });

  it('never takes overrides or import fields from the server', () => {
    const existing = firstImport([list]);
    const sneaky = {
      overrides: { level: 'low' as const },
      hash: 'ffffffffffff',
      firstSeen: '1999-01-01',
      lastChanged: '1999-01-01',
      history: [{ date: '1999-01-01', description: 'Forged.' }],
    };
    const { file } = mergeImport({
      existing,
      tools: [
        { ...list, ...sneaky },
        { ...run, ...sneaky },
      ],
      now: DAY2,
    });
    expect(file.tools.map((t) => [t.overrides, t.hash, t.firstSeen, t.history])).toEqual([
      [undefined, toolHash(list), '2025-01-10', undefined],
      [undefined, toolHash(run), '2025-02-20', undefined],
    ]);
  });

  it('says when a removed tool takes its overrides with it', () => {
    const existing = firstImport([list, del]);
    existing.tools[1] = { ...existing.tools[1]!, overrides: { level: 'critical' } };
    const { changes } = mergeImport({ existing, tools: [list], now: DAY2 });
    expect(changes.removed).toEqual([{ name: 'delete_note', hadOverrides: true }]);
    expect(describeChanges('notes.json', changes)).toEqual([
      'notes.json: 0 added, 1 removed, 0 changed, 1 unchanged',
      '  - delete_note (its overrides are dropped with it)',
    ]);
  });

  it('dates a hand-written file (no hashes yet) today without calling it a change', () => {
    const existing: ServerFile = { name: 'Notes', tools: [list] };
    const { file, changes } = mergeImport({ existing, tools: [list], now: DAY2 });
    expect(changes.unchanged).toEqual(['list_notes']);
    expect(file.tools[0]).toMatchObject({ firstSeen: '2025-02-20', lastChanged: '2025-02-20', hash: toolHash(list) });
  });

  it.each<[string, { name?: string; slug?: string }, string, string | undefined, string[]]>([
    ['the file wins over serverInfo', {}, 'Notes', undefined, []],
    [
      '--name and --slug win over the file',
      { name: 'Better Notes', slug: 'better-notes' },
      'Better Notes',
      'better-notes',
      ['name: "Notes" → "Better Notes"', 'slug: "(file name)" → "better-notes"'],
    ],
  ])('server metadata: %s', (_, flags, name, slug, metadata) => {
    const { file, changes } = mergeImport({ existing: firstImport([list]), tools: [list], now: DAY2, serverName: 'srv', ...flags });
    expect([file.name, file.slug, changes.metadata]).toEqual([name, slug, metadata]);
  });

  it('needs a name from somewhere', () => {
    expect(() => mergeImport({ tools: [list], now: DAY1 })).toThrow(DataError);
  });

  it('describes changes one line each', () => {
    const existing = firstImport([list, del]);
    const { changes } = mergeImport({ existing, tools: [{ ...list, title: 'List', annotations: { readOnlyHint: true } }, run], now: DAY2 });
    expect(describeChanges('data/servers/notes.json', changes)).toEqual([
      'data/servers/notes.json: 1 added, 1 removed, 1 changed, 0 unchanged',
      '  + run_query',
      '  - delete_note',
      '  ~ list_notes: title, annotations',
      '      possible rug pull: it now says it is read-only (readOnlyHint: true), which clients may approve without asking',
    ]);
  });

  it('says which changes look like a rug pull', () => {
    const existing = firstImport([list, del]);
    const { changes } = mergeImport({ existing, tools: [list, { ...del, annotations: {} }], now: DAY2 });
    expect(changes.changed).toEqual([
      { name: 'delete_note', fields: ['annotations'], rugPulls: ['it no longer says it is destructive (destructiveHint: true → not given)'] },
    ]);
    expect(describeChanges('notes.json', changes)).toEqual([
      'notes.json: 0 added, 0 removed, 1 changed, 1 unchanged',
      '  ~ delete_note: annotations',
      '      possible rug pull: it no longer says it is destructive (destructiveHint: true → not given)',
    ]);
  });

  it('describes hostile tool names on one line each, their control characters escaped', () => {
    // A name that clears the line and prints a fake report line; one with an 8-bit CSI; one reversed.
    const names = ['ok\r\u001b[2K  - github_delete_repo (its overrides are dropped with it)', 'b\u009b31m', 'c\u202etxt.exe'];
    const { changes } = mergeImport({ existing: firstImport([list]), tools: names.map((name) => ({ name })), now: DAY2 });
    const lines = describeChanges('notes.json', changes);
    expect(lines).toEqual([
      'notes.json: 3 added, 1 removed, 0 changed, 0 unchanged',
      String.raw`  + ok\u000d\u001b[2K  - github_delete_repo (its overrides are dropped with it)`,
      String.raw`  + b\u009b31m`,
      String.raw`  + c\u202etxt.exe`,
      '  - list_notes',
    ]);
  });

  it('keeps the definition a change replaced: the changed fields only, and those it did not have', () => {
    const existing = firstImport([list, del]);
    const { file } = mergeImport({ existing, tools: [{ ...list, title: 'List', description: 'Lists every note.' }, del], now: DAY2 });
    expect(file.tools[0]!.history).toEqual([{ date: '2025-02-20', description: 'Lists notes.', absent: ['title'] }]);
    expect(file.tools[1]!.history).toBeUndefined();
    expect(() => parseWithFriendlyErrors(ServerFileSchema, file, 'x.json')).not.toThrow();
    // Written after the import dates: definition, then what the import and the editors add.
    expect(Object.keys(file.tools[0]!)).toEqual(['name', 'title', 'description', 'inputSchema', 'hash', 'firstSeen', 'lastChanged', 'history']);
  });

  it('keeps the last five earlier definitions, newest first, and leaves them alone when nothing changed', () => {
    let file = firstImport([list]);
    for (let day = 1; day <= 7; day++) {
      file = mergeImport({ existing: file, tools: [{ ...list, description: `Version ${day}.` }], now: new Date(`2025-03-0${day}T00:00:00Z`) }).file;
    }
    expect(file.tools[0]!.history!.map((h) => [h.date, h.description])).toEqual([
      ['2025-03-07', 'Version 6.'],
      ['2025-03-06', 'Version 5.'],
      ['2025-03-05', 'Version 4.'],
      ['2025-03-04', 'Version 3.'],
      ['2025-03-03', 'Version 2.'],
    ]);
    const again = mergeImport({ existing: file, tools: [{ ...list, description: 'Version 7.' }], now: DAY2 }).file;
    expect(again).toEqual(file);
  });

  it('isoDate is the UTC date', () => {
    expect(isoDate(new Date('2025-12-31T23:59:59Z'))).toBe('2025-12-31');
  });
});
