import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { mergeImport } from '../../src/core/import/merge.ts';
import type { ServerFile, Tool } from '../../src/core/schema/server.ts';
import { FEED_SIZE, serverChangesFeed, siteChangesFeed } from '../../src/core/site/change-feeds.ts';

const url = (path: string) => `https://atlas.example${path}`;

/** A data file after importing each list of tools on its own day (2026-01-01, -02, ...). */
function imported(name: string, ...versions: Tool[][]): ServerFile {
  let file: ServerFile | undefined;
  versions.forEach((tools, i) => {
    const now = new Date(Date.UTC(2026, 0, 1 + i));
    file = mergeImport({ existing: file, tools, now, serverName: name }).file;
  });
  return file!;
}
const catalogOf = (files: Record<string, ServerFile>) => buildCatalog(Object.entries(files).map(([slug, data]) => ({ slug, file: `${slug}.json`, data })));

const note = (description: string, extra: Partial<Tool> = {}): Tool => ({
  name: 'send_note',
  description,
  inputSchema: { type: 'object', properties: { to: { type: 'string' } } },
  ...extra,
});
// Characters XML 1.0 cannot hold: a feed with one is not XML.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

describe('the change feeds', () => {
  const notes = imported(
    'Notes',
    [note('Sends a note.')],
    [note('Sends a note to a colleague.')],
    [note('Sends a note to a colleague.', { inputSchema: { type: 'object', properties: { to: { type: 'string' }, bcc: { type: 'string' } } } })],
  );
  const quiet = imported('Quiet', [{ name: 'read_thing', description: 'Reads a thing.' }]);
  const catalog = catalogOf({ notes, quiet });

  it('is an Atom feed a real parser reads: one entry per change, newest first, linking the tool page', () => {
    const feed = parseFeed(siteChangesFeed(catalog, url));
    expect(feed.meta).toEqual({ type: 'atom', version: '1.0' });
    expect(feed.self).toBe('https://atlas.example/changes.xml');
    expect(feed.url).toBe('https://atlas.example/');
    expect(feed.updated?.toISOString()).toBe('2026-01-03T00:00:00.000Z');
    expect(feed.items.map((item) => [item.title, item.url, item.updated?.toISOString()])).toEqual([
      ['send_note (Notes) changed: possible rug pull', 'https://atlas.example/servers/notes/send-note/', '2026-01-03T00:00:00.000Z'],
      ['send_note (Notes) changed', 'https://atlas.example/servers/notes/send-note/', '2026-01-02T00:00:00.000Z'],
    ]);
    expect(new Set(feed.items.map((item) => item.id)).size).toBe(2);
    expect(feed.items[0]!.description).toBe('Possible rug pull: a new parameter can send data out (a recipient) at `bcc` · Parameter added: `bcc` (string)');
    expect(feed.items[1]!.content).toBe('<ul><li>Description: Sends a note <ins>to a colleague</ins>.</li></ul>');
  });

  it('gives each server its own feed, from its data only; an unchanged server has an empty one', () => {
    const [notesServer, quietServer] = catalog.servers;
    const own = parseFeed(serverChangesFeed(notesServer!, url));
    expect(own.self).toBe('https://atlas.example/servers/notes/changes.xml');
    expect(own.items).toHaveLength(2);
    // Another server changing leaves this feed byte for byte as it was: it can be reused.
    const other = catalogOf({
      notes,
      quiet: imported('Quiet', [{ name: 'read_thing', description: 'Reads a thing.' }], [{ name: 'read_thing', description: 'Reads things.' }]),
    });
    expect(serverChangesFeed(other.servers[0]!, url)).toBe(serverChangesFeed(notesServer!, url));
    const empty = parseFeed(serverChangesFeed(quietServer!, url));
    expect(empty.items).toEqual([]);
    expect(empty.title).toBe('Quiet: tool definition changes (Policy Atlas)');
  });

  it(`keeps the newest ${FEED_SIZE} changes`, () => {
    const versions = Array.from({ length: 6 }, (_, v) => Array.from({ length: 30 }, (_, t) => ({ name: `tool_${t}`, description: `Version ${v}.` })));
    const feed = parseFeed(siteChangesFeed(catalogOf({ many: imported('Many', ...versions) }), url));
    expect(feed.items).toHaveLength(FEED_SIZE);
    expect(feed.items[0]!.updated?.toISOString()).toBe('2026-01-06T00:00:00.000Z');
    expect(feed.items.at(-1)!.updated?.toISOString()).toBe('2026-01-03T00:00:00.000Z');
  });

  it('keeps hostile names and texts as text, and holds only characters XML allows', () => {
    const name = 'x<script>alert(1)</script>\u0001\uFFFE]]>';
    const hostile = imported(
      'Evil <img src=x onerror=alert(1)> \u0002',
      [{ name, description: 'Old.' }],
      [{ name, description: 'New <b onclick="x()">bold</b> ]]> text.' }],
    );
    const xml = siteChangesFeed(catalogOf({ hostile }), url);
    expect(xml).not.toMatch(NOT_XML);
    expect(xml).not.toMatch(/<(script|img|b)\b/);
    expect(xml.match(/]]>/g)).toHaveLength(3); // the ends of the CDATA sections: title, summary, content
    const feed = parseFeed(xml);
    expect(feed.title).toBe('Policy Atlas: MCP tool definition changes');
    expect(feed.items[0]!.title).toBe('x<script>alert(1)</script>\uFFFD\uFFFD]]> (Evil <img src=x onerror=alert(1)> \uFFFD) changed');
    expect(feed.items[0]!.content).toContain('<ins>New <b onclick="x()">bold</b> ]]> text</ins>');
  });
});
