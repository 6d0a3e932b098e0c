import { describe, expect, it } from 'vitest';
import { KINDS_SHOWN, WARNINGS_IN_FULL, kindSummary, warningKind, warningReport } from '../../src/core/errors/warning-summary.ts';

const nullHint = (file: string, tool: number, hint: string) => `servers/${file}.json › tools[${tool}].annotations.${hint}: null, read as not given`;

describe('warningKind: what a warning says, without where', () => {
  it('drops the file, the indices, quoted names and figures', () => {
    expect(warningKind(nullHint('a', 3, 'readOnlyHint'))).toBe('tools[].annotations.readOnlyHint: null, read as not given');
    expect(warningKind('servers/b.json › tools[12].name: "get user" is outside MCP\'s tool-name rule (1 to 128 of A-Z), kept as sent')).toBe(
      warningKind('servers/c.json › tools[0].name: "x\\"y" is outside MCP\'s tool-name rule (1 to 128 of A-Z), kept as sent'),
    );
    expect(warningKind('servers/d.json › tools[1].description: 150,000 characters, cut to the first 100,000')).toBe(
      'tools[].description: N characters, cut to the first N',
    );
  });
});

describe('warningReport', () => {
  it(`prints up to ${WARNINGS_IN_FULL} lines as they are`, () => {
    const lines = Array.from({ length: WARNINGS_IN_FULL }, (_, i) => nullHint('a', i, 'readOnlyHint'));
    expect(warningReport(lines)).toEqual([`${WARNINGS_IN_FULL} warnings:`, ...lines.map((line) => `  ${line}`)]);
  });

  it('past that, every line and then one line per kind with its count and first example, the rarest first, and where every line is', () => {
    const lines = [
      ...Array.from({ length: 30_000 }, (_, i) => nullHint(`s${i % 900}`, i, i % 2 ? 'readOnlyHint' : 'idempotentHint')),
      'servers/odd.json › tools[7].name: "a b" is outside MCP\'s tool-name rule (1 to 128 of A-Z a-z 0-9 _ - .), kept as sent',
    ];
    const report = warningReport(lines, '/out/.builds/warnings.txt');
    expect(report.slice(0, 1 + lines.length)).toEqual(['30,001 warnings:', ...lines.map((line) => `  ${line}`)]);
    expect(report.slice(1 + lines.length)).toEqual([
      'In all, 30,001 warnings of 3 kinds, each with its count and first example; every line is also in /out/.builds/warnings.txt:',
      '  1× servers/odd.json › tools[7].name: "a b" is outside MCP\'s tool-name rule (1 to 128 of A-Z a-z 0-9 _ - .), kept as sent',
      `  15,000× ${nullHint('s0', 0, 'idempotentHint')}`,
      `  15,000× ${nullHint('s1', 1, 'readOnlyHint')}`,
    ]);
  });

  it(`shows at most ${KINDS_SHOWN} kinds, then counts the rest`, () => {
    const lines = Array.from(
      { length: 100 },
      (_, i) =>
        `servers/x.json › tools[0].annotations.vendor${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}: null, read as not given`,
    );
    const report = warningReport(lines);
    expect(report).toHaveLength(1 + 100 + 1 + KINDS_SHOWN + 1);
    expect(report.at(-1)).toBe(`  … and ${100 - KINDS_SHOWN} more kinds (${100 - KINDS_SHOWN} lines)`);
  });
});

describe("kindSummary of a failed build's problems", () => {
  it('groups lines about whole files by what they say, whatever the file is called', () => {
    const raw = (name: string) => `servers/${name}.json: this is a tools/list response, not a server file: it has no "name"`;
    const lines = [
      ...['github', 'slack', 'notion'].flatMap((name) => Array.from({ length: 20 }, (_, i) => raw(`${name}-${'x'.repeat(i)}`))),
      'servers/Bad.json: the file name must be the server slug',
    ];
    expect(kindSummary(lines, undefined, 'problems')).toEqual([
      'In all, 61 problems of 2 kinds, each with its count and first example:',
      '  1× servers/Bad.json: the file name must be the server slug',
      `  60× ${raw('github-')}`,
    ]);
  });
});
