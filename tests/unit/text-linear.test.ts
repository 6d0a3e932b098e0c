import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { descriptionBlocks, summarize } from '../../src/core/text/description-blocks.ts';
import { nameTokens } from '../../src/core/text/tokens.ts';
import { fastestRun, scalesLinearly } from '../support/timing.ts';

// Descriptions and names come from servers we do not control: one crafted line must not cost minutes.
const LENGTH = 100_000;
const spaces = ' '.repeat(LENGTH);

describe('text helpers on crafted catalog text', () => {
  it.each<[string, (input: string) => unknown, string]>([
    ['a heading with a long gap before its last word', descriptionBlocks, `# a${spaces}x`],
    ['a heading of hashes and spaces', descriptionBlocks, `# ${'# '.repeat(LENGTH / 2)}x`],
    ['a bullet whose text holds a line separator', descriptionBlocks, `- ${spaces}\u2028a\u2028b`],
    ['a numbered item whose text holds a line separator', descriptionBlocks, `1. ${spaces}\u2028a\u2028b`],
    ['an unclosed code span', descriptionBlocks, `\`${'a'.repeat(LENGTH)}`],
    ['an unclosed strong run', descriptionBlocks, `**${'a*'.repeat(LENGTH / 2)}`],
    ['a summary of blank lines', summarize, `${'\n'.repeat(LENGTH)}x`],
    ['a summary of indented blank lines', summarize, `${' \n'.repeat(LENGTH / 2)}x`],
    ['a summary without a sentence end', summarize, 'a'.repeat(LENGTH)],
    ['name tokens of one long capital run', nameTokens, 'A'.repeat(LENGTH)],
    ['name tokens of letters and digits', nameTokens, 'a1'.repeat(LENGTH / 2)],
  ])('%s: 100,000 characters in well under a second', (_label, run, input) => {
    expect(fastestRun(() => run(input), 1)).toBeLessThan(1000);
  });
});

// Long inputs are a line start, a word, one piece repeated, and an ending: the shapes that make
// backtracking patterns retry. Pieces are markup the parsers look at, or random characters.
const MARKUP = [...' \t\u00a0\u2028\n#>-*+•.)1`~aAbZ'];
const randomPiece = fc.string({ unit: fc.constantFrom(...MARKUP), minLength: 1, maxLength: 6 });
const longInput = fc.record({
  head: fc
    .tuple(fc.constantFrom('', '# ', '###### ', '- ', '• ', '1. ', '2) ', '> ', '```', '   '), fc.constantFrom('', 'a', 'a b', '#', '1'))
    .map((parts) => parts.join('')),
  repeated: fc.oneof(fc.constantFrom(' ', '\t', '\n', ' \n', '\u2028', '#', '# ', '>', '-', '`', '**', 'A', 'a1', 'aB'), randomPiece),
  tail: fc.oneof(fc.constantFrom('', 'x', ' x', '\u2028x', '#', 'aB'), fc.string({ unit: fc.constantFrom(...MARKUP), maxLength: 4 })),
});

describe.each<[string, (input: string) => unknown]>([
  ['descriptionBlocks', descriptionBlocks],
  ['summarize', summarize],
  ['nameTokens', nameTokens],
])('%s', (_name, run) => {
  it('takes time linear in the length of repeated markup', () => {
    fc.assert(
      fc.property(longInput, ({ head, repeated, tail }) => {
        const timing = scalesLinearly(run, head, repeated, tail);
        if (!timing.ok) throw new Error(`8× the input took ${timing.eightfold.toFixed(1)} ms against ${timing.base.toFixed(1)} ms`);
      }),
      { numRuns: 200 },
    );
  });
});
