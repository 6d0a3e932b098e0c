import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAccuracyFile } from '../../src/build/catalog/accuracy-file.ts';
import { loadServerFile } from '../../src/build/catalog/load.ts';
import { issueText } from '../../src/core/errors/friendly.ts';
import { parseJsonFile, parseJsonText } from '../../src/core/errors/json-text.ts';
import { parseToolsListText } from '../../src/core/import/parse-tools-list.ts';
import { validatePolicyText } from '../../src/core/policy/validate.ts';
import { dataErrorLines } from '../support/data-errors.ts';

describe('issueText: the one place an issue becomes a line', () => {
  it.each<[string, Parameters<typeof issueText>, string]>([
    [
      'context and path',
      [{ path: ['tools', 3, 'name'], message: 'expected a string', hint: 'quote it' }, 'x.json'],
      'x.json › tools[3].name: expected a string (hint: quote it)',
    ],
    ['context alone', [{ message: 'cannot read the file' }, 'x.json'], 'x.json: cannot read the file'],
    ['path alone', [{ path: ['tools', 'odd key'], message: 'null, read as not given' }], 'tools["odd key"]: null, read as not given'],
    ['the root', [{ path: [], message: 'expected an object' }, 'x.json'], 'x.json › (root): expected an object'],
    ['neither', [{ message: 'not valid JSON: the text is empty', hint: 'write a policy' }], 'not valid JSON: the text is empty (hint: write a policy)'],
    ['a position is not part of the line', [{ message: 'a comma before "}"', line: 3, column: 1 }], 'a comma before "}"'],
  ])('%s', (_label, args, expected) => {
    expect(issueText(...args)).toBe(expected);
  });
});

describe('parseJsonText', () => {
  it('returns the value of a JSON text', () => {
    expect(parseJsonText('{"a": [1, true, null]}')).toEqual({ ok: true, value: { a: [1, true, null] }, duplicateKeys: [] });
  });

  it("says what is wrong in the scanner's words, with line and column", () => {
    expect(parseJsonText('{\n  "a": 1,\n}')).toEqual({
      ok: false,
      issue: { message: 'a comma before "}"', hint: 'remove the trailing comma; JSON allows none', line: 2, column: 9 },
    });
  });

  it('with maxDepth, refuses deep nesting before parsing and lists repeated keys', () => {
    expect(parseJsonText('[[[1]]]', { maxDepth: 2 })).toMatchObject({ ok: false, issue: { message: 'nesting deeper than 2 levels', line: 1, column: 3 } });
    expect(parseJsonText('{"a": 1, "a": 2}', { maxDepth: 8 })).toEqual({ ok: true, value: { a: 2 }, duplicateKeys: [{ path: ['a'], offset: 9 }] });
  });
});

describe('a byte order mark (as Windows editors save one) is read past, as the policy validator does', () => {
  const withMark = '\uFEFF{"name": "Marked", "tools": [{"name": "ping"}]}';

  it('in a data file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-bom-'));
    writeFileSync(join(dir, 'marked.json'), withMark);
    expect(loadServerFile(join(dir, 'marked.json'), dir).data.tools[0]!.name).toBe('ping');
  });

  it('in a tools/list dump, and a syntax error after it is placed as an editor shows it', () => {
    expect(parseToolsListText('\uFEFF{"tools": [{"name": "ping"}]}', 'dump.json').tools).toHaveLength(1);
    expect(dataErrorLines(() => parseJsonFile('\uFEFF{"a": 1,}', 'any.json'))).toEqual([
      'any.json: not valid JSON: a comma before "}" at line 1, column 8 (hint: check for a trailing comma or a missing quote)',
    ]);
  });
});

describe('every reader words a JSON syntax error the same, at the same line and column', () => {
  const broken = '{\n  "tools": [\n    {"name": "a"},\n  ]\n}\n';
  const expected = 'not valid JSON: a comma before "]" at line 3, column 18 (hint: check for a trailing comma or a missing quote)';

  it('a data file, a tools/list dump, and parseJsonFile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-text-'));
    writeFileSync(join(dir, 'broken.json'), broken);
    expect(dataErrorLines(() => loadServerFile(join(dir, 'broken.json'), dir))).toEqual([`broken.json: ${expected}`]);
    expect(dataErrorLines(() => parseToolsListText(broken, 'dump.json'))).toEqual([`dump.json: ${expected}`]);
    expect(dataErrorLines(() => parseJsonFile(broken, 'any.json'))).toEqual([`any.json: ${expected}`]);
  });

  it('the accuracy file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'json-text-'));
    writeFileSync(join(dir, 'accuracy.json'), broken);
    expect(dataErrorLines(() => loadAccuracyFile(dir, dir))).toEqual([
      'accuracy.json: not valid JSON (a comma before "]" at line 3, column 18) (hint: write it again with npm run eval:classifier -- <dir> --write)',
    ]);
  });

  it('the policy validator (its own hint; line and column as fields)', () => {
    expect(validatePolicyText(broken).problems).toEqual([
      {
        severity: 'error',
        kind: 'syntax',
        message: 'not valid JSON: a comma before "]" (hint: remove the trailing comma; JSON allows none)',
        line: 3,
        column: 18,
      },
    ]);
  });
});
