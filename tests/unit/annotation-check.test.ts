import { describe, expect, it } from 'vitest';
import { annotationTally, annotationsDisagree, checkAnnotations } from '../../src/core/classify/annotation-check.ts';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import type { Annotations, Tool } from '../../src/core/schema/server.ts';

const props = (...names: string[]) => ({ type: 'object', properties: Object.fromEntries(names.map((n) => [n, { type: 'string' }])) });

function check(name: string, annotations: Annotations | undefined, extra: Partial<Tool> = {}) {
  const definition: Tool = { name, ...extra, ...(annotations ? { annotations } : {}) };
  const tool = { definition, classification: classifyTool(definition) };
  return { ...checkAnnotations(tool), disagree: annotationsDisagree(tool) };
}

describe('checkAnnotations: hints that agree', () => {
  it.each([
    ['list_issues', { readOnlyHint: true }, { description: 'Lists issues in a repository.' }],
    ['issues.create', { readOnlyHint: false, destructiveHint: false }, { inputSchema: props('title', 'body') }],
    ['pods-delete', { readOnlyHint: false, destructiveHint: true }, { inputSchema: props('name', 'namespace') }],
    // A read-only tool's destructiveHint means nothing in MCP: no claim to contradict.
    ['get_page', { readOnlyHint: true, destructiveHint: true }, { inputSchema: props('pageId') }],
    // A write may or may not overwrite: the classifier takes the authors' word either way.
    ['update_row', { readOnlyHint: false, destructiveHint: false }, { inputSchema: props('id', 'values') }],
  ] as const)('%s %j: agree, no suggestion', (name, annotations, extra) => {
    const result = check(name, annotations, extra);
    expect(result.status).toBe('agree');
    expect(result.disagreements).toEqual([]);
    expect(result.suggested).toBeUndefined();
    expect(result.disagree).toBe(false);
    expect(result.summary).toBe('The declared hints agree with what the tool appears to do.');
  });

  it('agrees yet suggests readOnlyHint: true when a read tool leaves it out (MCP then assumes it writes)', () => {
    const result = check('list_issues', { openWorldHint: true }, { description: 'Lists issues in a repository.' });
    expect(result.status).toBe('agree');
    expect(result.suggested).toEqual({ readOnlyHint: true, openWorldHint: true });
  });
});

describe('checkAnnotations: declared read-only, appears to change things', () => {
  it.each([
    ['update_records', { inputSchema: props('id', 'fields') }, 'it appears to write: verb “update” in the name'],
    ['drop_table', { inputSchema: props('table') }, 'it appears to delete or overwrite: verb “drop” in the name, object “table”'],
    ['query', { inputSchema: props('sql') }, 'it appears to execute code, commands or jobs: takes `sql` to run'],
    ['read_phone_logs', { inputSchema: props('device', 'saveTo') }, 'it appears to write: parameter `saveTo` saves the result to a file'],
  ] as const)('%s: the disagreement names the evidence', (name, extra, claim) => {
    const result = check(name, { readOnlyHint: true }, extra);
    expect(result.status).toBe('disagree');
    expect(result.disagree).toBe(true);
    expect(result.disagreements[0]).toEqual({ hint: 'readOnlyHint', declared: true, text: `Declares readOnlyHint: true; ${claim}` });
    expect(result.suggested?.readOnlyHint).toBe(false);
  });

  it('a tool that runs shell commands: destructiveHint false disagrees too, and the suggestion fixes both', () => {
    const result = check('execute_command', { readOnlyHint: true, destructiveHint: false }, { inputSchema: props('command') });
    expect(result.disagreements.map((d) => d.hint)).toEqual(['readOnlyHint', 'destructiveHint']);
    expect(result.disagreements[1]!.text).toBe('Declares destructiveHint: false; what it runs can delete or overwrite: parameter `command`');
    expect(result.suggested).toEqual({ readOnlyHint: false, destructiveHint: true });
    expect(result.suggestedJson).toBe('{\n  "readOnlyHint": false,\n  "destructiveHint": true\n}');
  });

  it('a destructive tool that says it only adds', () => {
    const result = check('pods-delete', { readOnlyHint: false, destructiveHint: false }, { inputSchema: props('name') });
    expect(result.disagreements.map((d) => d.text)).toEqual([
      'Declares destructiveHint: false; it appears to delete or overwrite: verb “delete” in the name, object “pods”',
    ]);
    expect(result.suggested).toEqual({ readOnlyHint: false, destructiveHint: true });
  });

  it('a tool that sends: openWorldHint false and idempotentHint true disagree', () => {
    const result = check('send_email', { readOnlyHint: false, idempotentHint: true, openWorldHint: false }, { inputSchema: props('to', 'subject', 'body') });
    expect(result.disagreements.map((d) => d.hint)).toEqual(['idempotentHint', 'openWorldHint']);
    expect(result.disagreements[0]!.text).toMatch(/^Declares idempotentHint: true; a second call sends again: /);
    expect(result.disagreements[1]!.text).toMatch(/^Declares openWorldHint: false; it reaches outside its own domain: /);
    expect(result.suggested).toEqual({ readOnlyHint: false, idempotentHint: false, openWorldHint: true });
  });
});

describe('checkAnnotations: declares it changes things, appears only to read', () => {
  it('readOnlyHint false on a read: the classifier rates the worse reading, the check still says they disagree', () => {
    const result = check('get_weather', { readOnlyHint: false }, { inputSchema: props('city') });
    expect(result.status).toBe('disagree');
    expect(result.disagreements.map((d) => d.text)).toEqual([
      'Declares readOnlyHint: false; it appears only to read: verb “get” in the name, object “weather”',
    ]);
    expect(result.suggested).toEqual({ readOnlyHint: true });
  });

  it('destructiveHint true on a read', () => {
    const result = check('list_issues', { destructiveHint: true }, { description: 'Lists issues in a repository.' });
    expect(result.disagreements.map((d) => d.text)).toEqual([
      'Declares destructiveHint: true; it appears only to read: verb “list” in the name, object “issues”',
    ]);
    expect(result.suggested).toEqual({ readOnlyHint: true, destructiveHint: false });
  });
});

describe('checkAnnotations: declares nothing', () => {
  it.each([
    ['list_issues', {}, { readOnlyHint: true }],
    ['issues.create', { inputSchema: props('title', 'body') }, { readOnlyHint: false }],
    ['pods-delete', { inputSchema: props('name') }, { readOnlyHint: false, destructiveHint: true }],
    ['send_email', { inputSchema: props('to', 'subject', 'body') }, { readOnlyHint: false, idempotentHint: false, openWorldHint: true }],
  ] as const)('%s: every hint the classifier can tell, to paste', (name, extra, suggested) => {
    const result = check(name, undefined, extra);
    expect(result.status).toBe('undeclared');
    expect(result.disagree).toBe(false);
    expect(result.disagreements).toEqual([]);
    expect(result.suggested).toEqual(suggested);
    expect(result.summary).toMatch(/^The server declares no hints, so clients assume MCP's defaults/);
  });

  it('a title alone declares no hint', () => {
    expect(check('list_issues', { title: 'List issues' }).status).toBe('undeclared');
  });

  it('an opaque tool: nothing to suggest, nothing to check', () => {
    const bare = check('esm_frobnicate', undefined);
    expect(bare).toMatchObject({ status: 'undeclared', appears: 'other' });
    expect(bare.suggested).toBeUndefined();
    expect(bare.summary).toBe('The server declares no hints, and the definition does not show what the tool does.');
    const declared = check('esm_frobnicate', { readOnlyHint: true });
    expect(declared).toMatchObject({ status: 'unchecked', disagree: false });
    expect(declared.suggested).toBeUndefined();
  });
});

describe('checkAnnotations: editors', () => {
  it('an editorial category is what the hints are checked against', () => {
    const result = check('list_issues', { readOnlyHint: true }, { overrides: { category: 'write', rationale: 'It marks issues as seen.' } });
    expect(result.disagreements.map((d) => d.text)).toEqual(["Declares readOnlyHint: true; it appears to write: the catalog's editors rate it write"]);
  });
});

describe('annotationTally: the count on a server page', () => {
  const entry = (name: string, annotations?: Annotations, extra: Partial<Tool> = {}) => {
    const definition: Tool = { name, ...extra, ...(annotations ? { annotations } : {}) };
    return { name, definition, classification: classifyTool(definition) };
  };

  it('counts the tools whose hints disagree, and those that declare none', () => {
    const tools = [
      entry('list_issues', { readOnlyHint: true }),
      entry('drop_table', { readOnlyHint: true }, { inputSchema: props('table') }),
      entry('get_weather', { readOnlyHint: false }),
      entry('issues.create'),
    ];
    const tally = annotationTally(tools);
    expect(tally.disagree.map((t) => t.name)).toEqual(['drop_table', 'get_weather']);
    expect(tally.undeclared).toBe(1);
    expect(tally.summary).toBe('2 tools declare hints that disagree with what they appear to do');
    expect(tally.undeclaredNote).toBe('; 1 of 4 declare none');
  });

  it.each([
    [[entry('list_issues', { readOnlyHint: true })], 'no declared hint disagrees with what its tools appear to do'],
    [
      [entry('drop_table', { readOnlyHint: true }), entry('list_issues')],
      'one tool declares hints that disagree with what it appears to do; 1 of 2 declare none',
    ],
    [[entry('list_issues'), entry('drop_table')], 'no tool declares hints'],
  ])('%#: %s', (tools, summary) => {
    const tally = annotationTally(tools);
    expect(tally.summary + tally.undeclaredNote).toBe(summary);
  });
});
