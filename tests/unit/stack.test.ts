import { describe, expect, it } from 'vitest';
import { MAX_STACK, matchServers, parseFlowsRecord, parseServerList, stackFromSearch, stackSearch, stackTools } from '../../src/core/flows/stack.ts';

describe('the stack in the URL', () => {
  it.each<[string, string[]]>([
    ['', []],
    ['?s=github&s=team-chat', ['github', 'team-chat']],
    ['?s=github&s=github&s=mail', ['github', 'mail']],
    // Not a slug: a path, markup, an empty value.
    ['?s=../../x&s=%3Cb%3E&s=&s=Upper&s=ok', ['ok']],
    ['?q=1&s=a', ['a']],
  ])('%s', (search, slugs) => expect(stackFromSearch(search)).toEqual(slugs));

  it(`keeps at most ${MAX_STACK} servers`, () => {
    const many = Array.from({ length: 20 }, (_, i) => `s${i}`);
    expect(stackFromSearch(stackSearch(many))).toEqual(many.slice(0, MAX_STACK));
  });

  it('round-trips', () => {
    expect(stackSearch([])).toBe('');
    expect(stackSearch(['a', 'b-c'])).toBe('?s=a&s=b-c');
    expect(stackFromSearch(stackSearch(['a', 'b-c']))).toEqual(['a', 'b-c']);
  });
});

describe('type-ahead', () => {
  const list = [
    ['git-tools', 'Git Tools'],
    ['github', 'GitHub MCP Server'],
    ['team-chat', 'Team Chat'],
    ['legit', 'Legit Server'],
    ['mail', 'Mail'],
  ] as const;

  it('puts names that start with the query first, then names that hold it, leaving out picked servers', () => {
    expect(matchServers(list, 'git', new Set())).toEqual([list[0], list[1], list[3]]);
    expect(matchServers(list, ' GIT ', new Set(['github']))).toEqual([list[0], list[3]]);
    expect(matchServers(list, 'chat', new Set())).toEqual([list[2]]);
    expect(matchServers(list, '', new Set())).toEqual([]);
    expect(matchServers(list, 'i', new Set(), 2)).toHaveLength(2);
  });

  it('reads the list, dropping entries that are not [slug, name]', () => {
    expect(parseServerList([['a', 'A'], ['B', 'bad slug'], 'x', ['c', 3], ['d', 'D']])).toEqual([
      ['a', 'A'],
      ['d', 'D'],
    ]);
    expect(() => parseServerList({})).toThrow(/not a list/);
  });
});

describe('flows.json', () => {
  const rule = { limits: [{ counter: 'c', window: 'minute', max: 1, scope: 'grant' }] };
  it('reads a record into tools for flows and policies', () => {
    const record = parseFlowsRecord(
      {
        slug: 'mail',
        name: 'Mail',
        tools: [
          { name: 'send', roles: ['sink'], rule },
          { name: 'count', rule: {} },
        ],
      },
      'mail',
    );
    expect(stackTools([record])).toEqual([
      { server: 'mail', name: 'send', roles: ['sink'], rule },
      { server: 'mail', name: 'count', roles: [], rule: {} },
    ]);
  });

  it.each<[string, unknown]>([
    ['another server', { slug: 'other', name: 'x', tools: [] }],
    ['no tools', { slug: 'mail', name: 'x' }],
    ['an unknown role', { slug: 'mail', name: 'x', tools: [{ name: 't', roles: ['admin'], rule: {} }] }],
    ['a tool without rule', { slug: 'mail', name: 'x', tools: [{ name: 't' }] }],
    ['not an object', 'mail'],
  ])('refuses a record with %s', (_what, json) => expect(() => parseFlowsRecord(json, 'mail')).toThrow(/flows/));
});
