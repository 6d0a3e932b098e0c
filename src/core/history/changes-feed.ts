import { Feed } from 'feed';
import { diffLines, lineHtml, lineText, type DiffLine } from './diff-lines.ts';
import type { ToolChange } from './tool-history.ts';
import { toolHash } from './definition-hash.ts';

/** One entry: a change of one tool's definition. */
export interface FeedChange {
  tool: string;
  server: string;
  /** Absolute URL of the tool page. */
  url: string;
  change: ToolChange;
}

export interface ChangesFeedOptions {
  title: string;
  /** Absolute URLs: the page the feed is about, and the feed itself. */
  link: string;
  self: string;
  /** Newest first, already bounded. */
  changes: readonly FeedChange[];
}

// Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/FFFF): a feed holding one
// is not XML, and readers drop the whole feed.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const xmlSafe = (text: string) => text.replace(NOT_XML, '\uFFFD');
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (text: string, max: number) => (Array.from(text).length > max ? `${Array.from(text).slice(0, max).join('')}…` : text);

const SUMMARY_LINES = 3;
// A date only: the import records days, and a fixed time keeps rebuilt feeds byte-identical.
const dayOf = (date: string) => new Date(`${date}T00:00:00Z`);
const EPOCH = '1970-01-01';

/** A stable id per change: the tool page, the day and the definition it changed into. */
export const changeId = (c: FeedChange) => `${c.url}#changed-${c.change.date}-${toolHash(c.change.after)}`;

function entryHtml(lines: readonly DiffLine[]): string {
  return `<ul>${lines.map((line) => `<li>${lineHtml(line)}</li>`).join('')}</ul>`;
}

/**
 * An Atom 1.0 feed of definition changes. Entry titles and contents are HTML (the `feed` package marks
 * them so): server text is escaped into them, and anything XML cannot hold is replaced.
 */
export function changesFeed(options: ChangesFeedOptions): string {
  const feed = new Feed({
    title: xmlSafe(options.title),
    id: options.self,
    link: options.link,
    feedLinks: { atom: options.self },
    updated: dayOf(options.changes[0]?.change.date ?? EPOCH),
    generator: 'Policy Atlas',
    author: { name: 'Policy Atlas' },
    copyright: '',
  });
  for (const entry of options.changes) {
    const lines = diffLines(entry.change.diff);
    const summary = lines.slice(0, SUMMARY_LINES).map(lineText).join(' · ') + (lines.length > SUMMARY_LINES ? ' · …' : '');
    feed.addItem({
      title: xmlSafe(escapeHtml(`${clip(entry.tool, 200)} (${clip(entry.server, 200)}) changed${lines.some((l) => l.flag) ? ': possible rug pull' : ''}`)),
      id: changeId(entry),
      link: entry.url,
      date: dayOf(entry.change.date),
      description: xmlSafe(escapeHtml(summary)),
      content: xmlSafe(entryHtml(lines)),
    });
  }
  return feed.atom1();
}
