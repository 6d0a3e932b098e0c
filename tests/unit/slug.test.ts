import { describe, expect, it } from 'vitest';
import { slugify, toolSlugs, uniqueSlugs } from '../../src/core/catalog/slug.ts';
import { SLUG_PATTERN } from '../../src/core/schema/server.ts';

// What slugify makes, the loader must accept as a server slug.
const SLUG = SLUG_PATTERN;
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

describe('slugify', () => {
  it.each<[string, string]>([
    ['read_file', 'read-file'],
    ['read-file', 'read-file'],
    ['getUserProfile', 'get-user-profile'],
    ['GetUserProfile', 'get-user-profile'],
    ['issues.list', 'issues-list'],
    ['compute.instances.stop', 'compute-instances-stop'],
    ['listIAMRoles', 'list-iam-roles'],
    ['HTTPServer', 'http-server'],
    ['créer_fichier', 'creer-fichier'],
    ['Ünïcödé', 'unicode'],
    ['🚀🔥', 'tool'],
    ['', 'tool'],
    ['   ', 'tool'],
    ['___', 'tool'],
    ['../../etc/passwd', 'etc-passwd'],
    ['  spaced name  ', 'spaced-name'],
    ['x__y--z', 'x-y-z'],
    ['CON', 'con-tool'],
    ['nul', 'nul-tool'],
    ['Aux', 'aux-tool'],
    ['a'.repeat(200), 'a'.repeat(80)],
    // Cut at 80 right after a word: the trailing dash goes.
    ['abc_'.repeat(50), 'abc-'.repeat(20).slice(0, 79)],
  ])('%j -> %j', (name, expected) => {
    expect(slugify(name)).toBe(expected);
  });

  it.each(['a'.repeat(200), 'Word'.repeat(60), '日本語のツール', '..', '-', 'COM1', 'lpt9', 'x'.repeat(81), '😀 delete 😀'])(
    '%j gives a safe slug of at most 80 characters',
    (name) => {
      const slug = slugify(name);
      expect(slug).toMatch(SLUG);
      expect(slug.length).toBeLessThanOrEqual(80);
      expect(slug).not.toMatch(RESERVED);
    },
  );
});

const sorted = (map: Map<string, string>) => [...map.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

/** Every name gets a slug, no two the same, and no generated slug is another name's plain slug. */
function expectSound(names: readonly string[], slugs: Map<string, string>) {
  expect(new Set(slugs.keys())).toEqual(new Set(names));
  expect(new Set(slugs.values()).size).toBe(slugs.size);
  const bases = new Set(names.map(slugify));
  for (const [name, slug] of slugs) {
    expect(slug).toMatch(SLUG);
    if (slug !== slugify(name)) expect(bases.has(slug), `${name} -> ${slug} is another tool's base slug`).toBe(false);
  }
}

const COLLIDING_SETS: string[][] = [
  ['get_file', 'get-file', 'getFile'],
  ['get_file', 'get-file', 'getFile', 'GetFile', 'get file', 'GET_FILE'],
  ['listItems', 'list_items', 'list-items', 'listItems2', 'list_items_2'],
  // get_file's generated slug would be get-file-1kyuucu: a tool already has that as its plain slug.
  ['get-file', 'get_file', 'get-file-1kyuucu'],
  ['CON', 'con', 'con-tool', 'con_tool'],
  ['🚀', '🔥', 'tool', ''],
];

describe('uniqueSlugs', () => {
  it('gives the plain slug to the first name in code-point order, and stable suffixes to the rest', () => {
    expect(sorted(uniqueSlugs(['get_file', 'get-file', 'getFile']))).toEqual([
      ['get-file', 'get-file'],
      ['getFile', 'get-file-1b7nm95'],
      ['get_file', 'get-file-1kyuucu'],
    ]);
  });

  it('keeps plain slugs when nothing collides', () => {
    expect(sorted(uniqueSlugs(['read_file', 'write_file', 'issues.list']))).toEqual([
      ['issues.list', 'issues-list'],
      ['read_file', 'read-file'],
      ['write_file', 'write-file'],
    ]);
  });

  it.each(COLLIDING_SETS)('gives distinct, sound slugs: %j', (...names) => {
    expectSound(names, uniqueSlugs(names));
  });

  it.each(COLLIDING_SETS)('does not depend on input order: %j', (...names) => {
    const expected = sorted(uniqueSlugs(names));
    for (const order of permutations(names)) expect(sorted(uniqueSlugs(order))).toEqual(expected);
  });

  it.each<[string[], string[]]>([
    [['getFile'], ['get-file', 'get_file']],
    [
      ['get__file', 'get.file', 'getFile'],
      ['get-file', 'get_file'],
    ],
    [['list_items'], ['list-items', 'listItems']],
  ])('adding %j to %j renames none of them', (added, before) => {
    const old = uniqueSlugs(before);
    const now = uniqueSlugs([...before, ...added]);
    for (const name of before) expect(now.get(name), name).toBe(old.get(name));
  });

  it('a new name that sorts first takes the plain slug; the suffixed slugs stay', () => {
    const old = uniqueSlugs(['get-file', 'getFile', 'get_file']);
    const now = uniqueSlugs(['get-file', 'getFile', 'get_file', 'GetFile']);
    expect(now.get('GetFile')).toBe('get-file');
    expect(now.get('getFile')).toBe(old.get('getFile'));
    expect(now.get('get_file')).toBe(old.get('get_file'));
    expect(now.get('get-file')).toMatch(/^get-file-[0-9a-z]{7}$/);
  });

  it('collapses repeated names to one entry', () => {
    expect(sorted(uniqueSlugs(['a', 'a', 'b']))).toEqual([
      ['a', 'a'],
      ['b', 'b'],
    ]);
  });
});

describe('toolSlugs: one slug per entry, a repeated name too', () => {
  it.each<[string[], string[]]>([
    [
      ['a', 'b'],
      ['a', 'b'],
    ],
    [
      ['a', 'a', 'b'],
      ['a', 'a-2', 'b'],
    ],
    [
      ['x', 'x', 'x'],
      ['x', 'x-2', 'x-3'],
    ],
    // a-2 is another tool's plain slug: the repeat takes the next free number.
    [
      ['a', 'a', 'a-2'],
      ['a', 'a-3', 'a-2'],
    ],
    [
      ['get_file', 'get-file', 'get_file'],
      ['get-file-1kyuucu', 'get-file', 'get-file-1kyuucu-2'],
    ],
    [
      ['', ''],
      ['tool', 'tool-2'],
    ],
  ])('%j -> %j', (names, expected) => {
    expect(toolSlugs(names)).toEqual(expected);
  });

  it('gives distinct slugs to every entry of a list full of repeats', () => {
    const names = ['a', 'a', 'A', 'a-2', 'a', 'a_2', 'a-2'];
    const slugs = toolSlugs(names);
    expect(slugs).toHaveLength(names.length);
    expect(new Set(slugs).size).toBe(names.length);
    for (const slug of slugs) expect(slug).toMatch(SLUG);
  });

  it('matches uniqueSlugs when no name repeats', () => {
    const names = ['get_file', 'get-file', 'getFile', 'read'];
    const byName = uniqueSlugs(names);
    expect(toolSlugs(names)).toEqual(names.map((name) => byName.get(name)));
  });
});
