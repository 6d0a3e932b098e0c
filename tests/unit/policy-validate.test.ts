import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { policyJsonSchema, POLICY_SCHEMA_ID } from '../../src/core/policy/json-schema.ts';
import { scanJson } from '../../src/core/text/json-scan.ts';
import { closestName, lintPolicy } from '../../src/core/policy/lint.ts';
import { PolicySchema, type Policy } from '../../src/core/policy/schema.ts';
import { positionFromParseError } from '../../src/core/errors/json-text.ts';
import { EXAMPLE_POLICY, FORMAT_EXAMPLE_POLICY } from '../../src/core/policy/example.ts';
import { validatePolicyText, type Problem } from '../../src/core/policy/validate.ts';

const UNKNOWN_KEY_HINT = '(hint: remove it or check its spelling; unknown keys are refused so that a typo never goes unnoticed)';
const KNOWN = ['list_clusters', 'create_charge', 'delete_account', 'read_file', 'get'];

const text = (value: unknown) => JSON.stringify(value, null, 2);
const policy = (extra: Record<string, unknown>) => ({ version: '1', default: 'deny', ...extra });
const problemsOf = (input: string, knownToolNames?: string[]) =>
  validatePolicyText(input, { knownToolNames }).problems.map(({ severity, kind, line, column, message }) => ({ severity, kind, line, column, message }));

describe('JSON syntax errors: line and column, in our own words', () => {
  it.each<[string, string, number, number, string]>([
    [
      'a trailing comma',
      '{\n  "version": "1",\n  "default": "deny",\n}',
      3,
      20,
      'not valid JSON: a comma before "}" (hint: remove the trailing comma; JSON allows none)',
    ],
    [
      'a missing comma',
      '{\n  "version": "1"\n  "default": "deny"\n}',
      3,
      3,
      'not valid JSON: expected "," or "}" after a property value, got "default" (hint: check for a missing comma)',
    ],
    ['single quotes', "{'version': '1'}", 1, 2, 'not valid JSON: expected a property name in double quotes, got "\'"'],
    ['a bare word', '{"version": one}', 1, 13, 'not valid JSON: expected a value, got "one" (hint: put text in double quotes)'],
    ['a missing colon', '{"version" "1"}', 1, 12, 'not valid JSON: expected ":" after the property name, got "1"'],
    ['the end too early', '{"tools": {"a": {}', 1, 19, 'not valid JSON: the text ends before the JSON is complete (hint: check for a missing })'],
    [
      'a line break in a string',
      '{"reason": "two\nlines"}',
      1,
      16,
      'not valid JSON: a line break or control character inside a string (hint: close the quote, or write a line break as \\n)',
    ],
    ['a bad escape', '{"a": "\\x"}', 1, 8, 'not valid JSON: invalid escape "\\x" in a string (hint: write a backslash as \\\\)'],
    ['text after the object', '{} x', 1, 4, 'not valid JSON: unexpected "x" after the end of the JSON value (hint: a policy is one JSON object)'],
    ['an empty text', '  \n ', 2, 2, 'not valid JSON: the text is empty (hint: a policy is a JSON object such as {"version": "1", "default": "deny"})'],
    ['CRLF line ends', '{\r\n  "a": 1,\r\n}', 2, 9, 'not valid JSON: a comma before "}" (hint: remove the trailing comma; JSON allows none)'],
  ])('%s', (_name, input, line, column, message) => {
    expect(problemsOf(input)).toEqual([{ severity: 'error', kind: 'syntax', line, column, message }]);
  });

  it('accepts every document JSON.stringify writes, and agrees with JSON.parse on arbitrary text', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => scanJson(JSON.stringify(value, null, 1), { maxDepth: 1000 }).error === undefined));
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'{}[]",:0123 -.eE\\ntrufals'.split('')) }), (input) => {
        let parses = true;
        try {
          JSON.parse(input);
        } catch {
          parses = false;
        }
        return (scanJson(input, { maxDepth: 1000 }).error === undefined) === parses;
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores a byte order mark', () => {
    expect(validatePolicyText(`\uFEFF${text(policy({}))}`).ok).toBe(true);
  });

  it.each<[string, ReturnType<typeof positionFromParseError>]>([
    ['Unexpected token } in JSON at position 12', { offset: 12 }],
    ["Expected ',' or '}' after property value in JSON at position 20 (line 3 column 5)", { line: 3, column: 5 }],
    ['JSON.parse: unexpected character at line 2 column 7 of the JSON data', { line: 2, column: 7 }],
    ['Unexpected end of JSON input', undefined],
    ['JSON Parse error: Unexpected identifier "x"', undefined],
  ])('reads the position of a JSON.parse error: %s', (message, expected) => {
    expect(positionFromParseError(message)).toEqual(expected);
  });
});

describe('schema errors: the JSON path and the line it sits on', () => {
  const input = [
    '{',
    '  "version": "1",',
    '  "default": "deny",',
    '  "tools": {',
    '    "create_charge": {',
    '      "limit": [],',
    '      "limits": [ { "counter": "c", "window": "minute", "max": 0, "scope": "grant" } ],',
    '      "deny_if": [',
    '        { "path": "args.amount", "op": "gt", "value": "10000" }',
    '      ]',
    '    },',
    '    "x": { "require": [ { "op": "exists" } ] }',
    '  }',
    '}',
  ].join('\n');

  it('reports each problem where it is, top to bottom', () => {
    const result = validatePolicyText(input);
    expect(result.ok).toBe(false);
    expect(result.policy).toBeUndefined();
    expect(result.problems.map(({ line, column, message }) => ({ line, column, message }))).toEqual([
      { line: 6, column: 7, message: `tools.create_charge.limit: unknown key "limit" ${UNKNOWN_KEY_HINT}` },
      { line: 7, column: 57, message: 'tools.create_charge.limits[0].max: must be a positive integer (1 or more), got number 0' },
      { line: 9, column: 46, message: 'tools.create_charge.deny_if[0].value: expected a number, got the string "10000"' },
      // A missing key points at the object that lacks it.
      { line: 12, column: 25, message: 'tools.x.require[0].path: required, but missing (expected a string)' },
    ]);
    expect(result.problems.every((p) => p.severity === 'error' && p.kind === 'schema')).toBe(true);
    expect(result.problems[1]!.path).toEqual(['tools', 'create_charge', 'limits', 0, 'max']);
  });

  it('points at the root for a document that is not an object', () => {
    expect(problemsOf('\n  [1]')).toEqual([{ severity: 'error', kind: 'schema', line: 2, column: 3, message: '(root): expected an object, got an array' }]);
  });

  it('finds keys written with escapes', () => {
    const result = validatePolicyText('{"version": "1", "default": "deny",\n"tools": {"a\\u0062": {"actio\\u006e": "nope"}}}');
    expect(result.problems).toMatchObject([{ line: 2, column: 23, path: ['tools', 'ab', 'action'] }]);
  });

  it('warns about a repeated key, which JSON.parse would silently drop', () => {
    expect(problemsOf('{"version": "1", "default": "deny",\n "tools": {"a": {}, "a": {"action": "deny"}}}')).toEqual([
      {
        severity: 'warning',
        kind: 'lint',
        line: 2,
        column: 21,
        message: 'tools.a: this key appears more than once and JSON keeps only the last (hint: merge the two, or remove one)',
      },
    ]);
  });
});

describe('lint findings', () => {
  it.each<[string, Record<string, unknown>, string[] | undefined, Omit<Problem, 'line' | 'column' | 'path'>[]]>([
    ['a clean policy', policy({ tools: { list_clusters: {} } }), KNOWN, []],
    [
      'an unknown tool with a close known name',
      policy({ tools: { list_cluster: {} } }),
      KNOWN,
      [
        {
          severity: 'warning',
          kind: 'lint',
          message: 'tools.list_cluster: no server in the catalog has a tool named "list_cluster" (hint: did you mean "list_clusters"?)',
        },
      ],
    ],
    [
      'an unknown hidden name',
      policy({ hide: ['delete_acount'] }),
      KNOWN,
      [
        {
          severity: 'warning',
          kind: 'lint',
          message: 'hide[0]: no server in the catalog has a tool named "delete_acount" (hint: did you mean "delete_account"?)',
        },
      ],
    ],
    [
      'an unknown tool with nothing close',
      policy({ tools: { launch_rocket: {} } }),
      KNOWN,
      [
        {
          severity: 'warning',
          kind: 'lint',
          message:
            'tools.launch_rocket: no server in the catalog has a tool named "launch_rocket" (hint: check the spelling; ignore this if the tool comes from a server the catalog does not list)',
        },
      ],
    ],
    ['no catalog, no unknown-name warnings', policy({ tools: { launch_rocket: {} } }), undefined, []],
    ['patterns are not tool names', policy({ tools: { 'launch_*': {} } }), KNOWN, []],
    [
      'a rule shadowed by hide',
      policy({ hide: ['delete_*'], tools: { delete_account: { action: 'require_approval' } } }),
      undefined,
      [
        {
          severity: 'warning',
          kind: 'lint',
          message: 'tools.delete_account: hidden by hide[0] "delete_*", so this rule never applies (hint: remove the rule, or the entry from "hide")',
        },
      ],
    ],
    [
      'a pattern rule that hide covers entirely',
      policy({ hide: ['*'], tools: { 'get_*': {} } }),
      undefined,
      [
        {
          severity: 'warning',
          kind: 'lint',
          message: 'tools["get_*"]: hidden by hide[0] "*", so this rule never applies (hint: remove the rule, or the entry from "hide")',
        },
      ],
    ],
    ['a pattern rule that hide covers in part', policy({ hide: ['get_secret'], tools: { 'get_*': {} } }), undefined, []],
    [
      'default allow with no limits anywhere',
      { version: '1', default: 'allow', tools: { a: {} } },
      undefined,
      [
        {
          severity: 'warning',
          kind: 'lint',
          message:
            'default: "allow" with no limits anywhere: every tool the policy does not name runs without a limit (hint: add all_tools.limits, or use "default": "deny")',
        },
      ],
    ],
    [
      'default allow with a limit',
      { version: '1', default: 'allow', tools: { a: { limits: [{ counter: 'c', window: 'day', max: 1, scope: 'grant' }] } } },
      undefined,
      [],
    ],
    [
      'two patterns that tie',
      policy({ tools: { 'delete_*': {}, 'delete_*_all': { action: 'deny' } } }),
      undefined,
      [
        {
          severity: 'error',
          kind: 'lint',
          message:
            'tools["delete_*_all"]: ties with the pattern "delete_*": both have the literal prefix "delete_" and both match "delete__all", so neither wins (hint: lengthen one prefix, or name the tools exactly)',
        },
      ],
    ],
    ['same prefix, no common name', policy({ tools: { 'get_*_a': {}, 'get_*_b': {} } }), undefined, []],
    ['different prefixes do not tie', policy({ tools: { 'get_*': {}, 'get_s*': {} } }), undefined, []],
  ])('%s', (_name, document, known, expected) => {
    expect(validatePolicyText(text(document), { knownToolNames: known }).problems.map(({ severity, kind, message }) => ({ severity, kind, message }))).toEqual(
      expected,
    );
  });

  it('a tie makes the policy invalid; warnings do not', () => {
    expect(validatePolicyText(text(policy({ tools: { 'a*': {}, 'a*b': {} } }))).ok).toBe(false);
    const warned = validatePolicyText(text({ version: '1', default: 'allow' }));
    expect(warned.ok).toBe(true);
    expect(warned.policy).toEqual({ version: '1', default: 'allow' });
  });

  it('puts lint findings on the line of the key they name', () => {
    const input = '{\n  "version": "1",\n  "default": "deny",\n  "tools": {\n    "list_cluster": {}\n  }\n}';
    expect(validatePolicyText(input, { knownToolNames: KNOWN }).problems[0]).toMatchObject({ line: 5, column: 5, path: ['tools', 'list_cluster'] });
  });

  it.each<[string, string | undefined]>([
    ['list_cluster', 'list_clusters'],
    ['LIST_CLUSTERS', 'list_clusters'],
    ['creat_charge', 'create_charge'],
    ['gett', 'get'],
    ['gte', undefined], // a swap is two edits, too many for three letters
    ['xyz', undefined],
    ['list_everything', undefined],
    ['x'.repeat(100_000), undefined],
  ])('did you mean: %s -> %s', (name, expected) => {
    expect(closestName(name, KNOWN)).toBe(expected);
  });

  it('lintPolicy returns paths and severities for callers that format their own lines', () => {
    const parsed: Policy = PolicySchema.parse(policy({ hide: ['x'], tools: { x: {} } }));
    expect(lintPolicy(parsed)).toEqual([{ severity: 'warning', path: ['tools', 'x'], message: expect.stringContaining('hidden by hide[0] "x"') }]);
  });
});

describe('limits on what is checked', () => {
  it('refuses more than 5 MB before parsing', () => {
    const huge = `{"version": "1", "default": "deny", "reason": "${'x'.repeat(5 * 1024 * 1024)}"}`;
    expect(validatePolicyText(huge)).toEqual({
      ok: false,
      problems: [
        {
          severity: 'error',
          kind: 'syntax',
          message: 'the text is larger than 5 MB, the most a policy may be (hint: a policy is usually a few kilobytes; check that this is the right file)',
        },
      ],
    });
  });

  it('counts bytes, not characters, and takes a smaller maxBytes', () => {
    const input = text(policy({ tools: { ['é'.repeat(600)]: {} } }));
    expect(input.length).toBeLessThan(1024);
    expect(validatePolicyText(input, { maxBytes: 1024 }).problems[0]?.message).toMatch(/^the text is larger than 1 KB/);
    expect(validatePolicyText(input, { maxBytes: 2048 }).ok).toBe(true);
  });

  it.each([
    ['arrays', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['objects', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['unclosed arrays', '['.repeat(10_000)],
  ])('refuses 10,000 nested %s with a clear message instead of overflowing the stack', (_name, input) => {
    expect(problemsOf(input)).toEqual([
      {
        severity: 'error',
        kind: 'syntax',
        line: 1,
        column: input[0] === '[' ? 65 : 321,
        message: 'not valid JSON: nesting deeper than 64 levels (hint: a policy needs a handful of levels; check that this is a policy file)',
      },
    ]);
  });

  it('accepts 64 levels, the most allowed', () => {
    const deep = policy({ tools: { t: { deny_if: [{ path: 'args.a', op: 'eq', value: JSON.parse('['.repeat(58) + ']'.repeat(58)) }] } } });
    expect(validatePolicyText(JSON.stringify(deep)).ok).toBe(true);
  });

  it('lists at most 100 problems and counts the rest', () => {
    const tools = Object.fromEntries(Array.from({ length: 150 }, (_, i) => [`t${i}`, { action: 'nope' }]));
    const result = validatePolicyText(text(policy({ tools })));
    expect(result.problems).toHaveLength(100);
    expect(result.omittedProblems).toBe(50);
  });
});

/* eslint-disable @typescript-eslint/no-explicit-any -- the generated JSON Schema is an untyped tree, read here by path */
describe('policyJsonSchema', () => {
  const schema = policyJsonSchema() as Record<string, any>;

  it('carries $id, title and the draft it follows', () => {
    expect(schema.$id).toBe(POLICY_SCHEMA_ID);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toMatch(/policy/i);
    expect(policyJsonSchema('https://example.org/p.json').$id).toBe('https://example.org/p.json');
  });

  it('describes the document: required keys, closed objects, the condition union', () => {
    expect(schema.type).toBe('object');
    expect(schema.required).toEqual(['version', 'default']);
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(['$schema', 'version', 'default', 'hide', 'all_tools', 'tools']);
    expect(schema.properties.tools.additionalProperties).toEqual({ $ref: '#/$defs/Rule' });
    expect(schema.$defs.Rule.additionalProperties).toBe(false);
    expect(schema.$defs.Limit.additionalProperties).toBe(false);
    expect(schema.$defs.Limit.required).toEqual(['counter', 'window', 'max', 'scope']);
    const ops = schema.$defs.Condition.oneOf.flatMap((branch: any) => branch.properties.op.enum ?? [branch.properties.op.const]);
    expect(ops.sort()).toEqual(['contains', 'eq', 'exists', 'gt', 'gte', 'in', 'lt', 'lte', 'neq', 'not_in', 'regex']);
    expect(schema.$defs.Condition.oneOf.every((branch: any) => branch.additionalProperties === false)).toBe(true);
  });

  it('is plain JSON (the site writes it to /schema/policy-v1.json as is)', () => {
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });
});
/* eslint-enable @typescript-eslint/no-explicit-any */

describe('the examples the site shows', () => {
  it.each([
    ["the validator page's starting policy", EXAMPLE_POLICY],
    ["the format page's complete example", FORMAT_EXAMPLE_POLICY],
  ])('%s is valid, with no problem at all', (_label, text) => {
    expect(validatePolicyText(text)).toEqual({ ok: true, policy: JSON.parse(text), problems: [] });
  });
});
