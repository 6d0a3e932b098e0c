/**
 * Untrusted description text as plain blocks: paragraphs, lists, headings and code. Pages render
 * these with escaping; nothing here is ever HTML, so a `<script>` in a description stays text.
 *
 * Lines are read with small scanners rather than regular expressions: patterns such as
 * `\s+(.*?)\s*#*\s*$` backtrack, and one crafted line of a few thousand spaces cost minutes.
 */
export interface Inline {
  text: string;
  code?: boolean;
  strong?: boolean;
}

export type Block =
  | { kind: 'paragraph'; lines: Inline[][] }
  | { kind: 'heading'; text: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] }
  | { kind: 'code'; text: string };

/** `code` spans and **strong** runs; everything else is text as written. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  // Linear: each alternative starts with a delimiter and its class excludes that delimiter.
  const pattern = /`([^`\n]+)`|\*\*([^*\n]+)\*\*/g;
  let last = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index > last) out.push({ text: text.slice(last, match.index) });
    out.push(match[1] !== undefined ? { text: match[1], code: true } : { text: match[2]!, strong: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

// What `\s` matches, one character at a time (the same set String.prototype.trim removes).
const SPACE = /\s/;
const LINE_TERMINATORS = '\n\r\u2028\u2029';

const isSpace = (char: string | undefined) => char !== undefined && SPACE.test(char);

/** The index of the first non-space character at or after `from` (or the length). */
function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && SPACE.test(text[i]!)) i++;
  return i;
}

/** Whether `text[from, to)` holds a line terminator, which `.` does not match. */
function hasLineTerminator(text: string, from = 0, to = text.length): boolean {
  for (let i = from; i < to; i++) if (LINE_TERMINATORS.includes(text[i]!)) return true;
  return false;
}

/** The item text after a list marker ending at `markerEnd`, as `\s+(.*)$` would capture it. */
function itemText(line: string, markerEnd: number): string | undefined {
  if (!isSpace(line[markerEnd])) return undefined;
  const start = skipSpaces(line, markerEnd);
  return hasLineTerminator(line, start) ? undefined : line.slice(start);
}

/** `- item`, `* item`, `+ item`, `• item`: the item's text. */
function bulletItem(line: string): string | undefined {
  const marker = skipSpaces(line, 0);
  return marker < line.length && '-*+•'.includes(line[marker]!) ? itemText(line, marker + 1) : undefined;
}

/** `1. item`, `2) item`: the item's text. */
function numberedItem(line: string): string | undefined {
  const digits = skipSpaces(line, 0);
  let end = digits;
  while (end < line.length && line[end]! >= '0' && line[end]! <= '9') end++;
  return end > digits && (line[end] === '.' || line[end] === ')') ? itemText(line, end + 1) : undefined;
}

/** `## Title ##`: the title, without the closing hashes (up to three spaces of indent, one to six hashes). */
function headingText(line: string): string | undefined {
  const hashes = skipSpaces(line, 0);
  if (hashes > 3) return undefined;
  let level = 0;
  while (line[hashes + level] === '#') level++;
  if (level < 1 || level > 6 || !isSpace(line[hashes + level])) return undefined;
  const start = skipSpaces(line, hashes + level);
  // Trailing spaces, a closing run of hashes, and the spaces before it are not part of the title.
  let end = line.length;
  while (end > start && isSpace(line[end - 1])) end--;
  while (end > start && line[end - 1] === '#') end--;
  while (end > start && isSpace(line[end - 1])) end--;
  return hasLineTerminator(line, start, end) ? undefined : line.slice(start, end);
}

const isFence = (line: string) => {
  const start = skipSpaces(line, 0);
  return line.startsWith('```', start) || line.startsWith('~~~', start);
};

export function descriptionBlocks(description: string): Block[] {
  const blocks: Block[] = [];
  const lines = description.replace(/\r\n?/g, '\n').split('\n');
  let paragraph: Inline[][] = [];
  let list: { ordered: boolean; items: Inline[][] } | undefined;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', lines: paragraph });
    if (list) blocks.push({ kind: 'list', ...list });
    paragraph = [];
    list = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (isFence(line)) {
      flush();
      const fence = line.trim().slice(0, 3);
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trim().startsWith(fence); i++) code.push(lines[i]!);
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const bullet = bulletItem(line);
    const numbered = bullet === undefined ? numberedItem(line) : undefined;
    const heading = bullet === undefined && numbered === undefined ? headingText(line) : undefined;
    if (bullet !== undefined || numbered !== undefined) {
      const ordered = numbered !== undefined;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseInline((bullet ?? numbered)!));
    } else if (heading !== undefined) {
      flush();
      blocks.push({ kind: 'heading', text: parseInline(heading) });
    } else if (line.trim() === '') {
      flush();
    } else if (list && skipSpaces(line, 0) >= 2) {
      // An indented line continues the previous list item.
      list.items[list.items.length - 1]!.push({ text: ` ${line.trim()}` });
    } else {
      if (list) flush();
      paragraph.push(parseInline(line.trim()));
    }
  }
  flush();
  return blocks;
}

/**
 * Drops heading and quote marks (`#`, `>`) that open a line, with the spaces around them: what
 * replacing `^\s*[#>]+\s*` (multiline, global) did, without retrying each line start of a blank run.
 */
function dropLineMarks(text: string): string {
  // Most descriptions have no mark at all, and the walk below visits every character.
  if (!text.includes('#') && !text.includes('>')) return text;
  let out = '';
  let kept = 0;
  let at = 0;
  while (at < text.length) {
    if (at > 0 && !LINE_TERMINATORS.includes(text[at - 1]!)) {
      at++;
      continue;
    }
    const marks = skipSpaces(text, at);
    if (text[marks] !== '#' && text[marks] !== '>') {
      // Every line start inside these spaces reaches the same character, so none can match.
      at = Math.max(marks, at + 1);
      continue;
    }
    let end = marks;
    while (text[end] === '#' || text[end] === '>') end++;
    end = skipSpaces(text, end);
    out += text.slice(kept, at);
    kept = at = end;
  }
  return out + text.slice(kept);
}

/** The first sentence, for summaries and meta descriptions: plain text, at most `max` characters. */
export function summarize(description: string | undefined, max = 160): string {
  if (!description) return '';
  // Drop markdown markers (heading and quote marks at line starts, backticks, emphasis), keep `a > b`.
  const text = dropLineMarks(description).replace(/[`*]/g, '').replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
}
