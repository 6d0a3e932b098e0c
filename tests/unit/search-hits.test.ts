import { gunzipSync } from 'node:zlib';
import { close, createIndex } from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { searchDocuments } from '../../src/core/search/search-documents.ts';
import { readToolAnchorId, toolAnchorId } from '../../src/core/search/tool-anchor.ts';
import { nameTokens } from '../../src/core/text/tokens.ts';
import type { ResultData } from '../../src/lib/search/pagefind-types.ts';
import { compareHits, hitsOf, keepLooking, MAX_SERVERS_FOR_A_FIRST_HIT, MAX_SERVERS_PER_PAGE, type SearchHit } from '../../src/lib/search/search-hits.ts';
import type { SearchState } from '../../src/lib/search/search-state.ts';
import { fastestRun } from '../support/timing.ts';

const catalog = buildCatalog([
  {
    slug: 'files',
    file: 'servers/files.json',
    data: {
      name: 'File Desk',
      description: 'Reads and writes files in a sandbox.',
      tools: [
        { name: 'read_file', description: 'Returns the text of one file.', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } },
        { name: 'delete_file', description: 'Removes a file for good.', inputSchema: { type: 'object', properties: { path: { type: 'string' } } } },
        {
          name: 'getUserProfile',
          title: 'Profile lookup',
          description: 'Returns who owns the desk.',
          inputSchema: { type: 'object', properties: { includeTeams: { type: 'boolean' } } },
        },
        { name: '<img src=x onerror=alert(1)>', description: 'A name <b>nobody</b> should render as markup.' },
        { name: 'purge_files', description: 'Deletes every file in the sandbox for good.', annotations: { readOnlyHint: true } },
      ],
    },
  },
]);

/** Pagefind's fragment for each document, as the browser receives it (gzip, a signature, JSON). */
let fragments: ResultData[] = [];
beforeAll(async () => {
  const { index } = await createIndex({ forceLanguage: 'en' });
  for (const { url, html } of searchDocuments(catalog)) await index!.addHTMLFile({ url, content: html });
  const { files } = await index!.getFiles();
  fragments = files
    .filter((f) => f.path.startsWith('fragment/'))
    .map(
      (f) =>
        JSON.parse(
          gunzipSync(Buffer.from(f.content))
            .toString('utf8')
            .replace(/^pagefind_dcd/, ''),
        ) as ResultData,
    );
});
afterAll(() => close());

/** What Pagefind's search adds to a fragment: where the query's words are, with a weight. */
function located(data: ResultData, query: string): ResultData {
  const terms = nameTokens(query);
  const words = data.content.split(/[\r\n\s]+/g);
  const weighted_locations = words.flatMap((word, location) =>
    nameTokens(word).some((w) => terms.some((t) => w.startsWith(t))) ? [{ weight: 1, balanced_score: 1, location }] : [],
  );
  return { ...data, weighted_locations };
}

const none: SearchState['selected'] = { level: [], category: [], signal: [], server: [], annotations: [] };
const search = (query: string, selected = none): SearchHit[] => hitsOf(located(fragments[0]!, query), 0, query, selected).sort(compareHits);

describe('search hits from one server document', () => {
  it('indexes one document per server, each tool a section whose first id carries its facets', () => {
    expect(fragments).toHaveLength(1);
    const ids = fragments[0]!.anchors.flatMap((a) => readToolAnchorId(a.id)?.slug ?? []);
    expect(ids).toEqual(catalog.tools.map((t) => t.slug));
  });

  it('gives Pagefind no heading with an id, so it builds no sub-result (each re-splits the whole document)', () => {
    expect(fragments[0]!.anchors.filter((a) => /^h\d$/i.test(a.element))).toEqual([]);
  });

  it('stores each description once in what a search downloads: the markers around it carry no text', () => {
    const markers = fragments[0]!.anchors.filter((a) => !readToolAnchorId(a.id));
    expect(markers.length).toBe(2 * catalog.tools.length + 1);
    expect(markers.every((a) => !a.text)).toBe(true);
    expect(fragments[0]!.content.split('Returns who owns the desk.').length).toBe(2);
  });

  it('finds a tool by its exact name first, and links to its page', () => {
    const [first] = search('delete_file');
    expect(first).toMatchObject({ kind: 'tool', name: 'delete_file', exact: true, url: '/servers/files/delete-file/', server: 'File Desk' });
  });

  it('finds a name in another style and by a parameter, but shows only the description', () => {
    const [byWords] = search('user profile');
    expect(byWords!.name).toBe('getUserProfile');
    const [byParameter] = search('includeTeams');
    expect(byParameter!.name).toBe('getUserProfile');
    expect(byParameter!.excerpt.map((p) => p.text).join('')).toBe('Returns who owns the desk.');
  });

  it('marks the words of the description that matched', () => {
    const hit = search('removes').find((h) => h.name === 'delete_file')!;
    expect(hit.excerpt.filter((p) => p.mark).map((p) => p.text)).toEqual(['Removes']);
  });

  it('narrows a server to the tools that pass the filters', () => {
    const deleteLevel = catalog.tools.find((t) => t.name === 'delete_file')!.classification.level;
    const hits = hitsOf(fragments[0]!, 0, '', { ...none, level: [deleteLevel] });
    expect(hits.every((h) => h.facets!.level === deleteLevel)).toBe(true);
    expect(hits.map((h) => h.name)).toContain('delete_file');
    expect(hits.map((h) => h.name)).not.toContain('read_file');
  });

  it('finds the tools whose declared annotations disagree with what they appear to do', () => {
    expect(hitsOf(fragments[0]!, 0, '', { ...none, annotations: ['disagree'] }).map((h) => h.name)).toEqual(['purge_files']);
  });

  it('lists every tool and no server for a filter without words', () => {
    expect(hitsOf(fragments[0]!, 0, '', none).map((h) => h.name)).toEqual(catalog.tools.map((t) => t.name));
  });

  it('offers the server itself when its name matches and no tool filter is chosen', () => {
    expect(search('desk').map((h) => h.kind)).toContain('server');
    expect(search('desk', { ...none, level: ['critical', 'high', 'medium', 'low'] }).map((h) => h.kind)).not.toContain('server');
  });

  it('keeps a hostile name as text: the name reads as sent', () => {
    const hit = search('nobody').find((h) => h.kind === 'tool')!;
    expect(hit.name).toBe('<img src=x onerror=alert(1)>');
    expect(hit.excerpt.map((p) => p.text).join('')).toContain('<b>nobody</b>');
  });
});

describe('tool anchor ids', () => {
  it('read back what they carry, and refuse what they do not', () => {
    const facets = {
      slug: 'a-b',
      level: 'high',
      category: 'destructive',
      signals: ['bulk', 'money'],
      annotationsDisagree: true,
      lowConfidence: false,
    } as const;
    expect(readToolAnchorId(toolAnchorId({ ...facets, signals: [...facets.signals] }))).toEqual(facets);
    expect(readToolAnchorId(toolAnchorId({ ...facets, signals: [], lowConfidence: true }))).toEqual({ ...facets, signals: [], lowConfidence: true });
    expect(readToolAnchorId(toolAnchorId({ ...facets, signals: [], annotationsDisagree: false }))).toMatchObject({
      annotationsDisagree: false,
      lowConfidence: false,
    });
    for (const id of ['d.a-b', 't.loud.destructive.-.-.a', 't.high.destructive.nope.-.a', 't.high.destructive.-.-.a.b', 't.high.destructive.-.zz.a', 'about'])
      expect(readToolAnchorId(id)).toBeUndefined();
  });
});

describe('keepLooking', () => {
  it('stops once a page is full', () => {
    expect(keepLooking(20, 20, 0)).toBe(false);
  });

  it('looks through a page of servers for more hits, and further while it has none', () => {
    expect(keepLooking(3, 20, MAX_SERVERS_PER_PAGE - 1)).toBe(true);
    expect(keepLooking(3, 20, MAX_SERVERS_PER_PAGE)).toBe(false);
    // No hit yet: an empty list under "N servers match" is what a user would otherwise get.
    expect(keepLooking(0, 20, MAX_SERVERS_PER_PAGE)).toBe(true);
    expect(keepLooking(0, 20, MAX_SERVERS_FOR_A_FIRST_HIT)).toBe(false);
  });
});

describe('hitsOf on a server of thousands of tools', () => {
  const NONE: SearchState['selected'] = { server: [], level: [], category: [], signal: [], annotations: [] };
  /** One server's document as Pagefind returns it for a common word: `tools` sections of 12 words, every third word a match. */
  function bigDocument(tools: number): ResultData {
    const words: string[] = [];
    const anchors: ResultData['anchors'] = [];
    const weighted_locations: ResultData['weighted_locations'] = [];
    for (let t = 0; t < tools; t++) {
      const id = toolAnchorId({ slug: `tool-${t}`, level: 'low', category: 'read', signals: [], annotationsDisagree: false, lowConfidence: false });
      anchors.push({ element: 'p', id, text: `tool_${t}`, location: words.length });
      for (let w = 0; w < 12; w++) {
        if (w % 3 === 1) weighted_locations.push({ weight: 1, balanced_score: 1, location: words.length });
        words.push(w % 3 === 1 ? 'script' : 'word');
      }
    }
    return { url: '/servers/big/', content: words.join(' '), meta: { title: 'Big' }, anchors, weighted_locations };
  }

  it('finds each tool its own matches in time linear in the document (5,000 tools took 25 s)', () => {
    const small = bigDocument(300);
    const large = bigDocument(2_400);
    const hits = hitsOf(large, 0, 'script', NONE);
    expect(hits).toHaveLength(2_400);
    expect(hits.every((hit) => hit.score === 4 && hit.excerpt.filter((part) => part.mark).length === 4)).toBe(true);
    const base = Math.max(
      fastestRun(() => hitsOf(small, 0, 'script', NONE)),
      2,
    );
    expect(fastestRun(() => hitsOf(large, 0, 'script', NONE))).toBeLessThan(20 * base);
  });
});
