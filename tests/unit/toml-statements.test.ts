import fc from 'fast-check';
import { parse, stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { fullPath, scanTomlStatements, TomlScanError } from '../../src/core/text/toml-statements.ts';

const scanned = (text: string) => scanTomlStatements(text).map((s) => [s.kind, fullPath(s), text.slice(s.start, s.end)]);

describe('scanTomlStatements', () => {
  it.each<[string, string, unknown[]]>([
    [
      'a header and its keys',
      '[mcp_servers.a]\ncommand = "x"\n',
      [
        ['table', ['mcp_servers', 'a'], '[mcp_servers.a]\n'],
        ['key', ['mcp_servers', 'a', 'command'], 'command = "x"\n'],
      ],
    ],
    [
      'quoted keys with dots, spaces around the dots',
      '[ mcp_servers . "my.server" ]  # ours\n',
      [['table', ['mcp_servers', 'my.server'], '[ mcp_servers . "my.server" ]  # ours\n']],
    ],
    [
      'a literal key and escapes',
      `[mcp_servers.'lit"eral'.tools."a\\"b\\u00e9"]\n`,
      [['table', ['mcp_servers', 'lit"eral', 'tools', 'a"bé'], `[mcp_servers.'lit"eral'.tools."a\\"b\\u00e9"]\n`]],
    ],
    [
      'dotted keys under a table',
      '[mcp_servers]\na.tools.t.approval_mode = "prompt"\n',
      [
        ['table', ['mcp_servers'], '[mcp_servers]\n'],
        ['key', ['mcp_servers', 'a', 'tools', 't', 'approval_mode'], 'a.tools.t.approval_mode = "prompt"\n'],
      ],
    ],
    [
      'a multi-line array with comments and brackets in strings',
      'args = [\n  "]", # a ] here\n  "b",\n]\nnext = 1\n',
      [
        ['key', ['args'], 'args = [\n  "]", # a ] here\n  "b",\n]\n'],
        ['key', ['next'], 'next = 1\n'],
      ],
    ],
    [
      'multi-line strings holding quotes and headers',
      'a = """\n[not.a.table]\n\\""""\nb = \'\'\'\nx = 1\n\'\'\'\n',
      [
        ['key', ['a'], 'a = """\n[not.a.table]\n\\""""\n'],
        ['key', ['b'], "b = '''\nx = 1\n'''\n"],
      ],
    ],
    [
      'an inline table, a date with a space, CRLF and no final line break',
      'env = { A = "}", B = 1 }\r\nwhen = 1979-05-27 07:32:00 # t\r\nlast = true',
      [
        ['key', ['env'], 'env = { A = "}", B = 1 }\r\n'],
        ['key', ['when'], 'when = 1979-05-27 07:32:00 # t\r\n'],
        ['key', ['last'], 'last = true'],
      ],
    ],
    [
      'an array of tables, comments and blank lines left out',
      '\uFEFF# top\n\n[[rule]]\n  x = 1\n',
      [
        ['table', ['rule'], '[[rule]]\n'],
        ['key', ['rule', 'x'], '  x = 1\n'],
      ],
    ],
  ])('%s', (_what, text, expected) => expect(scanned(text)).toEqual(expected));

  it.each(['a = "open\n', '[table\n', 'a = 1 b = 2\n', 'a = [1, 2\n', '= 1\n'])('refuses %j with the offset where it stopped', (text) => {
    expect(() => scanTomlStatements(text)).toThrow(TomlScanError);
  });

  // Documents written by hand, piece by piece: each statement must come back whole, with its path.
  const keyPart = fc.oneof(
    fc.stringMatching(/^[A-Za-z0-9_-]{1,6}$/).map((key) => ({ key, text: key })),
    fc
      .string({ maxLength: 6, unit: fc.constantFrom('a', '.', ' ', '"', '\\', '#', ']', '=', 'é', '\t', "'") })
      .map((key) => ({ key, text: stringify({ [key]: 0 }).replace(/ = 0\n$/, '') })),
    fc.stringMatching(/^[a-z. "#\]=]{0,6}$/).map((key) => ({ key, text: `'${key}'` })),
  );
  const dotted = fc
    .tuple(fc.array(keyPart, { minLength: 1, maxLength: 3 }), fc.constantFrom('.', ' . ', '. '))
    .map(([parts, dot]) => ({ path: parts.map((p) => p.key), text: parts.map((p) => p.text).join(dot) }));
  const value = fc.constantFrom(
    '1',
    '-0.5e3',
    'true',
    '"a # not a comment"',
    "'lit ]'",
    '"""\nmulti ] line\n[x]\n"""',
    "'''\ny = 2\n'''",
    '[\n  1, # c ]\n  2,\n]',
    '{ a = 1, b = "}" }',
    '1979-05-27 07:32:00',
    '1979-05-27T07:32:00Z',
    '[[1, 2], ["]"]]',
    '"esc \\" q"',
    '""""quoted""""',
    'nan',
  );
  const comment = fc.constantFrom('', ' # note', '\t# = [x]');
  const filler = fc.constantFrom('', '# a comment\n', '\n', '  \n', '# [not.a.table]\n');
  const statement = fc.oneof(
    fc.record({ kind: fc.constant('key' as const), key: dotted, value, comment, indent: fc.constantFrom('', '  ', '\t'), filler }),
    fc.record({ kind: fc.constant('table' as const), key: dotted, array: fc.boolean(), comment, indent: fc.constantFrom('', ' '), filler }),
  );

  it('finds every statement of a document, with its path and its whole text (property)', () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 12 }), fc.boolean(), (pieces, crlf) => {
        const newline = crlf ? '\r\n' : '\n';
        let text = '';
        let table: string[] = [];
        const expected: unknown[] = [];
        for (const piece of pieces) {
          text += piece.filler.replace(/\n/g, newline);
          const line =
            piece.kind === 'key'
              ? `${piece.indent}${piece.key.text} = ${piece.value}${piece.comment}${newline}`
              : `${piece.indent}${piece.array ? '[[' : '['}${piece.key.text}${piece.array ? ']]' : ']'}${piece.comment}${newline}`;
          if (piece.kind === 'table') table = piece.key.path;
          expected.push([piece.kind, piece.kind === 'table' ? piece.key.path : [...table, ...piece.key.path], line]);
          text += line;
        }
        expect(scanned(text)).toEqual(expected);
      }),
      { numRuns: 1000 },
    );
  });

  it('a key statement taken out leaves a document without that key and nothing else changed (property)', () => {
    const leaf = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }));
    const tree = fc.letrec((tie) => ({
      table: fc.dictionary(fc.string({ minLength: 1, maxLength: 5 }), fc.oneof({ depthSize: 'small' }, leaf, tie('table')), { maxKeys: 4 }),
    })).table;
    fc.assert(
      fc.property(tree, fc.nat(), (data, pick) => {
        const text = stringify(data);
        const keys = scanTomlStatements(text).filter((s) => s.kind === 'key');
        fc.pre(keys.length > 0);
        const taken = keys[pick % keys.length]!;
        const path = fullPath(taken);
        const expected = structuredClone(parse(text)) as Record<string, unknown>;
        const parent = path.slice(0, -1).reduce<Record<string, unknown>>((table, key) => table[key] as Record<string, unknown>, expected);
        delete parent[path.at(-1)!];
        expect(parse(text.slice(0, taken.start) + text.slice(taken.end))).toEqual(expected);
      }),
    );
  });
});
