import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxProblem } from '../../src/core/text/json-syntax.ts';

describe('findJsonSyntaxProblem', () => {
  it('accepts every document JSON.stringify writes', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => findJsonSyntaxProblem(JSON.stringify(value, null, 1)) === undefined));
  });

  it('agrees with JSON.parse on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]",:0123 -.eE\\ntrufalse'.split('')) }), (text) => {
        let parses = true;
        try {
          JSON.parse(text);
        } catch {
          parses = false;
        }
        return (findJsonSyntaxProblem(text) === undefined) === parses;
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['{\n  "a": 1,\n}', 3, 1, 'a trailing comma before "}"'],
    ['[1, 2,]', 1, 7, 'a trailing comma before "]"'],
    ['{\n  "tools": [}\n}', 2, 13, 'expected a value, found "}"'],
    ['{"a" 1}', 1, 6, 'expected ":" after a key, found "1"'],
    ['{"a": 1', 1, 8, 'unexpected end of the text'],
    ['{"a": "x\ny"}', 1, 7, 'a string that is not closed or has a bad escape or control character'],
    ['{} {}', 1, 4, 'unexpected "{" after the end of the document'],
  ])('locates the problem in %j', (text, line, column, message) => {
    expect(findJsonSyntaxProblem(text)).toMatchObject({ line, column, message });
  });

  it('survives 100,000 levels of nesting without recursion', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(findJsonSyntaxProblem(deep)).toBeUndefined();
    expect(findJsonSyntaxProblem(deep.slice(0, -1))?.message).toBe('unexpected end of the text');
  });
});
