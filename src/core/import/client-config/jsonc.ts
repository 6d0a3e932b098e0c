/**
 * JSON with comments and trailing commas, as VS Code's mcp.json and Gemini CLI's settings.json allow,
 * made plain JSON: comments become spaces (so lines and columns stay where they were) and a comma
 * before `}` or `]` is dropped. Strings are copied as they are.
 */
// Blanks and comments, then `}` or `]`: the comma before it is a trailing one. Sticky, so no copy per comma.
const CLOSER_AHEAD = /\s*(?:\/\/[^\n]*(?:\n|$)\s*|\/\*[\s\S]*?\*\/\s*)*[}\]]/y;

export function jsoncToJson(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"') {
      const start = i++;
      while (i < text.length && text[i] !== '"' && text[i] !== '\n') i += text[i] === '\\' ? 2 : 1;
      out += text.slice(start, ++i);
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') {
        out += ' ';
        i++;
      }
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop;
    } else if (ch === ',') {
      CLOSER_AHEAD.lastIndex = i + 1;
      out += CLOSER_AHEAD.test(text) ? ' ' : ',';
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
