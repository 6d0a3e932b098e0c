import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mergeClaudeCodeSettings } from '../../src/core/dialects/claude-code-settings.ts';
import { perServer, policyFormat, POLICY_FORMATS } from '../../src/core/dialects/formats.ts';
import { mergeJson } from '../../src/core/dialects/merge-fragments.ts';
import { DIALECTS } from '../../src/core/dialects/registry.ts';
import { clientServerName, stackPolicy } from '../../src/core/flows/stack-policy.ts';
import { parseServerFile } from '../../src/core/catalog/server-file.ts';
import type { Policy } from '../../src/core/policy/schema.ts';
import { catalogOf } from '../support/small-catalog.ts';
import { CODE_HOST_SLUG, codeHostServer } from '../fixtures/code-host-server.ts';

const policy = (tools: Policy['tools']): Policy => ({ version: '1', default: 'deny', tools });

describe('perServer: a client format from a one-server writer', () => {
  const servers = [
    { slug: 'a', name: 'alpha', policy: policy({ x: {} }) },
    { slug: 'b', name: 'beta', policy: policy({ y: { action: 'deny' } }) },
  ];

  it("joins the servers' texts (TOML tables, [[rule]] lists) with a blank line when asked", () => {
    const format = perServer('Text', (name) => ({ fragment: { servers: { [name]: { x: 1 } } }, text: `[servers.${name}]\nx = 1\n\n`, lost: [] }), {
      join: 'text',
    });
    expect(format.write(policy({}), servers).text).toBe('[servers.alpha]\nx = 1\n\n[servers.beta]\nx = 1\n');
  });

  it('merges JSON fragments, and says each lost sentence once, naming the servers it is about unless all', () => {
    const format = perServer('Json', (name, p) => ({
      fragment: { list: Object.keys(p.tools ?? {}).map((t) => `${name}.${t}`), shared: ['same'] },
      lost: ['No limits.', `Only ${name}.`],
    }));
    const output = format.write(policy({}), servers);
    expect(output.fragment).toEqual({ list: ['alpha.x', 'beta.y'], shared: ['same'] });
    expect(output.lost).toEqual(['No limits.', 'alpha: Only alpha.', 'beta: Only beta.']);
  });

  it('has one format per dialect of the registry, after policy-v1, each writing what the page shows for one server', () => {
    expect(Object.keys(POLICY_FORMATS)).toEqual(['policy-v1', ...DIALECTS.map((dialect) => dialect.id)]);
    const one = [{ slug: 'a', name: 'alpha', policy: policy({ x: {}, y: { action: 'deny' } }) }];
    for (const dialect of DIALECTS) {
      const format = POLICY_FORMATS[dialect.id]!;
      expect([format.title, Boolean(format.intoConfig)], dialect.id).toEqual([dialect.formatTitle, Boolean(dialect.intoConfig)]);
      expect(format.write(policy({}), one).text, dialect.id).toBe(`${dialect.write('alpha', one[0]!.policy).text.trimEnd()}\n`);
    }
  });

  it('finds formats by own keys only', () => {
    expect(policyFormat('constructor')).toBeUndefined();
    expect(policyFormat('claude-code')).toBe(POLICY_FORMATS['claude-code']);
  });
});

describe('the stack policy, server by server', () => {
  const { data } = parseServerFile(codeHostServer, `${CODE_HOST_SLUG}.json`);
  const [server] = catalogOf({ [CODE_HOST_SLUG]: data }).servers;

  it('names a server as the client does when its file records it, else by slug', () => {
    expect(clientServerName(server!)).toBe(CODE_HOST_SLUG);
    const imported = { ...server!, meta: { ...server!.meta, source: { client: 'claude-code', name: 'gh work' } } };
    expect(clientServerName(imported)).toBe('gh work');
    const { text } = POLICY_FORMATS['claude-code']!.write(stackPolicy([imported]).policy, stackPolicy([imported]).servers);
    expect(JSON.parse(text).permissions.ask).toContain('mcp__gh_work__push_files');
  });
});

describe('mergeJson', () => {
  it('keeps the base key order, appends new keys, joins arrays without repeats, keeps base scalars', () => {
    expect(mergeJson({ b: 1, a: [1, 2], c: { d: ['x'] } }, { a: [2, 3], c: { d: ['x', 'y'], e: 1 }, b: 9, f: true })).toEqual({
      b: 1,
      a: [1, 2, 3],
      c: { d: ['x', 'y'], e: 1 },
      f: true,
    });
    expect(Object.keys(mergeJson({ z: 1, y: 2 }, { a: 1 }) as object)).toEqual(['z', 'y', 'a']);
  });

  it('treats a __proto__ key as data', () => {
    const merged = mergeJson(JSON.parse('{"a":1}'), JSON.parse('{"__proto__":{"polluted":true}}')) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(merged, '__proto__')).toBe(true);
  });

  it('loses nothing of either side and repeats nothing (property)', () => {
    const lists = fc.dictionary(fc.constantFrom('allow', 'ask', 'deny'), fc.array(fc.string(), { maxLength: 6 }));
    fc.assert(
      fc.property(lists, lists, (base, extra) => {
        const merged = mergeJson(base, extra) as Record<string, string[]>;
        for (const key of new Set([...Object.keys(base), ...Object.keys(extra)])) {
          expect(new Set(merged[key])).toEqual(new Set([...(base[key] ?? []), ...(extra[key] ?? [])]));
          expect(merged[key]!.slice(0, base[key]?.length ?? 0)).toEqual(base[key] ?? []);
        }
      }),
    );
  });
});

describe('mergeClaudeCodeSettings', () => {
  const fragment = { permissions: { ask: ['mcp__s__send'] } };
  it.each<[string, string, string]>([
    ['two spaces', '{\n  "model": "x"\n}\n', '{\n  "model": "x",\n  "permissions": {\n    "ask": [\n      "mcp__s__send"\n    ]\n  }\n}\n'],
    [
      'tabs and CRLF',
      '{\r\n\t"model": "x"\r\n}\r\n',
      '{\r\n\t"model": "x",\r\n\t"permissions": {\r\n\t\t"ask": [\r\n\t\t\t"mcp__s__send"\r\n\t\t]\r\n\t}\r\n}\r\n',
    ],
    ['an empty file', '', '{\n  "permissions": {\n    "ask": [\n      "mcp__s__send"\n    ]\n  }\n}\n'],
  ])('keeps the file’s own layout: %s', (_what, text, expected) => expect(mergeClaudeCodeSettings(text, fragment, 'settings.json')).toBe(expected));
});
