import { describe, expect, it } from 'vitest';
import { quoteForTerminal, terminalSafe, terminalSafeLines } from '../../src/core/text/terminal-safe.ts';

describe('terminalSafe', () => {
  it.each<[string, string, string]>([
    ['an escape sequence', 'read\u001b[2K\u001b[1Gfile', String.raw`read\u001b[2K\u001b[1Gfile`],
    ['a line break and a carriage return', 'a\r\n  + fake_tool', String.raw`a\u000d\u000a  + fake_tool`],
    ['a C1 control (8-bit CSI) and DEL', 'x\u009b2Jy\u007f', String.raw`x\u009b2Jy\u007f`],
    ['a bidirectional override', 'safe\u202eexe.txt', String.raw`safe\u202eexe.txt`],
    ['a tab', 'a\tb', String.raw`a\u0009b`],
    ['plain text, accents and emoji', 'Notes — café 📝', 'Notes — café 📝'],
  ])('%s', (_, text, shown) => {
    expect(terminalSafe(text)).toBe(shown);
  });

  it('terminalSafeLines keeps the line breaks between lines, and escapes the rest', () => {
    expect(terminalSafeLines('first \u001b[31mred\nsecond')).toBe(String.raw`first \u001b[31mred` + '\nsecond');
  });

  it('quoteForTerminal cuts before escaping, so no escape is cut in half', () => {
    expect(quoteForTerminal(`${'a'.repeat(4)}\u001b[0m`, 5)).toBe(String.raw`"aaaa\u001b…"`);
    expect(quoteForTerminal('short')).toBe('"short"');
  });
});
