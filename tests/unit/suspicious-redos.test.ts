import { describe, expect, it } from 'vitest';
import { findSuspiciousText, findToolPoisoning } from '../../src/core/classify/suspicious.ts';

// Hostile text built to make a backtracking pattern rescan the rest of the text from every
// starting point: many near-misses of one pattern family, 100,000 characters each.
const fill = (unit: string, length = 100_000) => unit.repeat(Math.ceil(length / unit.length)).slice(0, length);

const CRAFTED: ReadonlyArray<[string, string]> = [
  ['ignore instructions', fill('ignore all of the previous ')],
  ['hide from the user', fill('do not tell this to the without telling the ')],
  ['instruction block, opening tags never closed', fill('<secret>')],
  ['instruction block, near-miss closings', fill('<system></ system')],
  ['instruction block, spaces after <', `<${' '.repeat(99_999)}`],
  ['before any tool', fill('before using any other ')],
  ['secret files', fill(`read ${'x'.repeat(55)} ~/.ss `)],
  ['secret files after a negation', fill('never  read .en ')],
  ['another tool', `instead of the ${'a'.repeat(99_985)}`],
  ['another tool, many', fill('rather than using the a.b-')],
  ['another server', `when you call the ${'a'.repeat(99_982)}`],
  ['another server, many', fill('tools from another mcp ')],
  ['when installed', fill('when this tool is ')],
  ['fixed destination', fill(`send all data ${'x'.repeat(38)} `)],
  ['invisible characters', fill('\u200D')],
  ['emoji joiners', fill('👩\u200D')],
  ['base64 runs one short', fill(`${'A'.repeat(159)}.`)],
  ['hex run ending in a word character', `${'a'.repeat(99_999)}g`],
  ['whitespace', fill(' \n\t')],
];

const timed = (run: () => void): number => {
  const start = performance.now();
  run();
  return performance.now() - start;
};

describe('suspicious-text patterns on hostile text', () => {
  it.each(CRAFTED)('scan %s (100,000 characters) in under a second', (_family, text) => {
    expect(text.length).toBe(100_000);
    expect(timed(() => findSuspiciousText(text))).toBeLessThan(1000);
    const tool = { name: 'x', inputSchema: { type: 'object', properties: { p: { type: 'string', description: text, enum: [text] } } } };
    expect(timed(() => findToolPoisoning(tool))).toBeLessThan(1000);
  });

  it('reads only the first 100,000 characters of a longer text, and flags the rest as unread', () => {
    const text = fill('<secret>', 300_000);
    let findings: ReturnType<typeof findSuspiciousText> = [];
    expect(timed(() => (findings = findSuspiciousText(text)))).toBeLessThan(1000);
    expect(findings.map((f) => f.reason)).toEqual(['is too long to check in full']);
  });
});
