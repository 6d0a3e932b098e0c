/**
 * Untrusted description text as plain blocks: paragraphs, lists, headings and code. Pages render
 * these with escaping; nothing here is ever HTML, so a `<script>` in a description stays text.
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

const BULLET = /^\s*[-*+•]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/;
const FENCE = /^\s*(```|~~~)/;

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
    if (FENCE.test(line)) {
      flush();
      const fence = line.trim().slice(0, 3);
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i]!.trim().startsWith(fence); i++) code.push(lines[i]!);
      blocks.push({ kind: 'code', text: code.join('\n') });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const heading = HEADING.exec(line);
    if (bullet || numbered) {
      const ordered = !!numbered;
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(parseInline((bullet ?? numbered)![1]!));
    } else if (heading) {
      flush();
      blocks.push({ kind: 'heading', text: parseInline(heading[1]!) });
    } else if (line.trim() === '') {
      flush();
    } else if (list && /^\s{2,}\S/.test(line)) {
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

/** The first sentence, for summaries and meta descriptions: plain text, at most `max` characters. */
export function summarize(description: string | undefined, max = 160): string {
  if (!description) return '';
  // Drop markdown markers (heading and quote marks at line starts, backticks, emphasis), keep `a > b`.
  const text = description.replace(/^\s*[#>]+\s*/gm, '').replace(/[`*]/g, '').replace(/\s+/g, ' ').trim();
  const sentence = /^(.+?[.!?])(\s|$)/.exec(text)?.[1] ?? text;
  return sentence.length > max ? `${sentence.slice(0, max - 1).trimEnd()}…` : sentence;
}
