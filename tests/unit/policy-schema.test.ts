import { describe, expect, it } from 'vitest';
import { DataError, parseWithFriendlyErrors } from '../../src/core/errors/friendly.ts';
import { PolicySchema } from '../../src/core/policy/schema.ts';
import { FORMAT_EXAMPLE_POLICY } from '../../src/core/policy/example.ts';

// The one suite for the policy schema: what it accepts, what it refuses, and how it says so.
const UNKNOWN_KEY_HINT = '(hint: remove it or check its spelling; unknown keys are refused so that a typo never goes unnoticed)';

const policy = (extra: Record<string, unknown>) => ({ version: '1', default: 'deny', ...extra });
const rule = (fields: Record<string, unknown>) => policy({ tools: { t: fields } });
const condition = (fields: Record<string, unknown>) => rule({ deny_if: [{ path: 'args.x', ...fields }] });
const limit = (fields: Record<string, unknown>) => rule({ limits: [{ counter: 'c', window: 'minute', max: 1, scope: 'grant', ...fields }] });

describe('PolicySchema accepts', () => {
  it.each<[string, unknown]>([
    ["the example of the format's documentation", JSON.parse(FORMAT_EXAMPLE_POLICY)],
    ['the smallest document', policy({})],
    ['a $schema key', policy({ $schema: 'https://policy-atlas.example/schema/policy-v1.json' })],
    ['a $schema key elsewhere', policy({ $schema: 'https://example.org/policy-v1.schema.json' })],
    ['default allow', { version: '1', default: 'allow' }],
    ['"*" in hide', policy({ hide: ['*'] })],
    ['an empty rule', rule({})],
    ['a pattern key', policy({ tools: { 'delete_*': { action: 'deny' } } })],
    [
      'every op',
      rule({
        require: [
          { path: 'args.a', op: 'exists' },
          { path: 'args.a', op: 'eq', value: { nested: [1, 'x', null] } },
          { path: 'args.a', op: 'neq', value: 'x' },
          { path: 'args.a', op: 'in', value: ['a', 1, true, null] },
          { path: 'args.a', op: 'not_in', value: [] },
          { path: 'args.a', op: 'lt', value: 1 },
          { path: 'args.a', op: 'lte', value: -1.5 },
          { path: 'args.a', op: 'gt', value: 0 },
          { path: 'args.a', op: 'gte', value: 1e9 },
          { path: 'args.a', op: 'contains', value: 'x' },
          { path: 'args.a.b.c', op: 'regex', value: '^[a-z]+$' },
          { path: 'args', op: 'exists' },
        ],
      }),
    ],
    [
      'every op, other values',
      rule({
        require: [
          { path: 'args.a.b', op: 'eq', value: { nested: [1] } },
          { path: 'args.a', op: 'neq', value: null },
          { path: 'args.a', op: 'in', value: ['x', 1, true, null] },
          { path: 'args.n', op: 'lte', value: 1.5 },
          { path: 'args.s', op: 'contains', value: 'rm' },
          { path: 'args.s', op: 'regex', value: '^a+$' },
        ],
      }),
    ],
    [
      'every window and scope',
      rule({
        limits: ['second', 'minute', 'hour', 'day'].flatMap((window) =>
          ['grant', 'session', 'agent', 'global'].map((scope) => ({ counter: `${window}_${scope}`, window, max: 1, scope })),
        ),
      }),
    ],
    [
      'every window and scope on one counter',
      rule({
        limits: ['second', 'minute', 'hour', 'day'].flatMap((window) =>
          ['grant', 'session', 'agent', 'global'].map((scope) => ({ counter: 'c', window, max: 1, scope })),
        ),
      }),
    ],
    // PolicyLayer's published shape: no action, reason or patterns, and limits on all_tools and tools.
    [
      'a PolicyLayer document: allow list',
      {
        version: '1',
        default: 'deny',
        tools: { read_file: {}, list_directory: {}, search_files: { limits: [{ counter: 'search', window: 'minute', max: 30, scope: 'session' }] } },
      },
    ],
    [
      'a PolicyLayer document: guarded payments',
      {
        version: '1',
        default: 'allow',
        hide: ['delete_customer', 'refund_all'],
        all_tools: { limits: [{ counter: 'global_calls', window: 'hour', max: 1000, scope: 'global' }] },
        tools: {
          create_refund: {
            require: [
              { path: 'args.reason', op: 'exists' },
              { path: 'args.currency', op: 'in', value: ['usd', 'eur'] },
            ],
            deny_if: [
              { path: 'args.amount', op: 'gte', value: 50000 },
              { path: 'args.customer', op: 'regex', value: '^test_' },
            ],
            limits: [{ counter: 'refunds', window: 'day', max: 10, scope: 'agent' }],
          },
        },
      },
    ],
  ])('%s', (_name, input) => {
    expect(PolicySchema.safeParse(input).success).toBe(true);
  });
});

describe('PolicySchema refuses', () => {
  it.each<[string, unknown]>([
    ['no version', { default: 'deny' }],
    ['version as a number', { version: 1, default: 'deny' }],
    ['version 2 as a number', { version: 2, default: 'deny' }],
    ['version "2"', { version: '2', default: 'deny' }],
    ['no default', { version: '1' }],
    ['default "ask"', { version: '1', default: 'ask' }],
    ['default "maybe"', { version: '1', default: 'maybe' }],
    ['default "require_approval"', { version: '1', default: 'require_approval' }],
    ['an unknown top-level key', policy({ rules: {} })],
    ['a typo in a rule: "limit"', rule({ limit: [] })],
    ['an unknown key in all_tools', policy({ all_tools: { limits: [], max: 3 } })],
    ['"limit" in all_tools', policy({ all_tools: { limit: [] } })],
    ['hide as a string', policy({ hide: 'delete_account' })],
    ['an empty hide entry', policy({ hide: [''] })],
    ['an empty tool name', policy({ tools: { '': {} } })],
    ['tools as an array', policy({ tools: [] })],
    ['action "approve"', rule({ action: 'approve' })],
    ['action "block"', rule({ action: 'block' })],
    ['reason as a number', rule({ reason: 1 })],
    ['an unknown op', condition({ op: 'startswith', value: 'x' })],
    ['an unknown op "like"', condition({ op: 'like', value: 'x' })],
    ['exists with a value', condition({ op: 'exists', value: true })],
    ['eq without a value', condition({ op: 'eq' })],
    ['in with a scalar', condition({ op: 'in', value: 'a' })],
    ['not_in with an object', condition({ op: 'not_in', value: { a: 1 } })],
    ['contains without a value', condition({ op: 'contains' })],
    ['gt with a string', condition({ op: 'gt', value: '10' })],
    ['regex that does not compile', condition({ op: 'regex', value: '(' })],
    ['regex with an open class', condition({ op: 'regex', value: '[' })],
    ['a path outside args', { version: '1', default: 'deny', tools: { t: { require: [{ path: 'x.y', op: 'exists' }] } } }],
    ['a path into the environment', condition({ path: 'env.HOME', op: 'exists' })],
    ['a path with an empty segment', condition({ path: 'args..x', op: 'exists' })],
    ['an unknown key in a condition', condition({ op: 'exists', note: 'x' })],
    ['max 0', limit({ max: 0 })],
    ['max 1.5', limit({ max: 1.5 })],
    ['max as a string', limit({ max: '10' })],
    ['window "week"', limit({ window: 'week' })],
    ['scope "user"', limit({ scope: 'user' })],
    ['an empty counter', limit({ counter: '' })],
    ['a limit without a scope', rule({ limits: [{ counter: 'c', window: 'minute', max: 1 }] })],
  ])('%s', (_name, input) => {
    expect(PolicySchema.safeParse(input).success).toBe(false);
  });
});

describe('PolicySchema errors, in friendly.ts wording', () => {
  const lines = (input: unknown): string[] => {
    try {
      parseWithFriendlyErrors(PolicySchema, input, 'policy.json');
    } catch (error) {
      if (error instanceof DataError) return error.lines;
      throw error;
    }
    throw new Error('expected a DataError');
  };

  it.each<[string, unknown, string[]]>([
    ['a typo "limit"', rule({ limit: [] }), [`policy.json › tools.t.limit: unknown key "limit" ${UNKNOWN_KEY_HINT}`]],
    ['max 0', limit({ max: 0 }), ['policy.json › tools.t.limits[0].max: must be a positive integer (1 or more), got number 0']],
    ['gt with a string', condition({ op: 'gt', value: '10' }), ['policy.json › tools.t.deny_if[0].value: expected a number, got the string "10"']],
    ['an empty tool name', policy({ tools: { '': {} } }), ['policy.json › tools[""]: a tool name must not be empty, got an object']],
    ['no default', { version: '1' }, ['policy.json › default: expected one of "allow", "deny", got nothing (hint: use one of the listed values)']],
    [
      'an unknown op',
      condition({ op: 'startswith', value: 'x' }),
      [
        'policy.json › tools.t.deny_if[0].op: expected one of "exists", "eq", "neq", "in", "not_in", "lt", "lte", "gt", "gte", "contains", "regex", got the string "startswith" (hint: use one of the listed values)',
      ],
    ],
  ])('%s', (_name, input, expected) => {
    expect(lines(input)).toEqual(expected);
  });
});
