import { describe, expect, it } from 'vitest';
import type { CatalogTool } from '../../src/core/catalog/build-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';
import { toolPage } from '../../src/core/catalog/tool-page.ts';
import { serverPolicyJson } from '../../src/core/flows/catalog-flows.ts';
import { describeRule } from '../../src/core/policy/describe.ts';
import { PolicySchema, type Rule } from '../../src/core/policy/schema.ts';
import { catalogOf, SMALL_CATALOG as catalog } from '../support/small-catalog.ts';

const toolCases = catalog.tools.map((tool) => [`${tool.server.slug}/${tool.name}`, tool] as [string, CatalogTool]);

/** What the risk model asks of a generated rule at each level. */
function expectRuleFollowsLevel(tool: CatalogTool, rule: Rule) {
  const { level } = tool.classification;
  if (level === 'low') {
    expect(rule.action).toBeUndefined();
    expect(rule.limits).toEqual([{ counter: `${tool.name}_rate`, window: 'minute', max: 60, scope: 'grant' }]);
  } else if (level === 'medium') {
    expect(rule.action).toBeUndefined();
    expect(rule.limits).toEqual([
      { counter: `${tool.name}_rate`, window: 'minute', max: 20, scope: 'grant' },
      { counter: `${tool.name}_daily`, window: 'day', max: 500, scope: 'grant' },
    ]);
  } else if (level === 'high') {
    expect(rule.action).toBe('require_approval');
    expect(rule.reason).toContain(tool.name);
    expect(rule.limits?.length).toBeGreaterThan(0);
  } else {
    expect(rule.action).toBe('deny');
    expect(rule.reason).toMatch(/rated critical.*require_approval/);
  }
}

describe.each(toolCases)('tool page policy of %s', (_id, tool) => {
  const page = toolPage(tool, loadDefinition(tool));
  const document = JSON.parse(page.policyJson);

  it('is a valid policy-v1 document: default deny, naming only this tool', () => {
    expect(PolicySchema.safeParse(document).success).toBe(true);
    expect(document.version).toBe('1');
    expect(document.default).toBe('deny');
    expect(Object.keys(document.tools)).toEqual([tool.name]);
    expect(document.tools[tool.name]).toEqual(page.rule);
  });

  it(loadDefinition(tool).definition.overrides?.policy ? 'uses the override rule' : `follows the level (${tool.classification.level})`, () => {
    const override = loadDefinition(tool).definition.overrides?.policy;
    if (override) expect(page.rule).toEqual(override);
    else expectRuleFollowsLevel(tool, page.rule);
  });
});

describe.each(catalog.servers.map((server) => [server.slug, server] as const))('server policy of %s', (_slug, server) => {
  const document = JSON.parse(serverPolicyJson(server));

  it('is valid, names every tool of the server and caps all calls', () => {
    expect(PolicySchema.safeParse(document).success).toBe(true);
    expect(document.default).toBe('deny');
    expect(Object.keys(document.tools).sort()).toEqual(server.tools.map((t) => t.name).sort());
    expect(document.all_tools).toEqual({ limits: [{ counter: 'all_calls', window: 'minute', max: 300, scope: 'grant' }] });
  });
});

it('the test catalog covers every level, guards and an override', () => {
  for (const level of ['low', 'medium', 'high', 'critical'] as const) expect(catalog.byLevel[level].length).toBeGreaterThan(0);
  expect(catalog.tools.some((t) => loadDefinition(t).definition.overrides?.policy)).toBe(true);
  expect(catalog.tools.some((t) => toolPage(t, loadDefinition(t)).rule.deny_if?.length)).toBe(true);
});

describe("argument guards follow the tool's own top-level parameters and their types", () => {
  const guarded = catalogOf({
    s: {
      name: 'S',
      tools: [
        {
          name: 'update_record',
          description: 'Updates a record.',
          inputSchema: {
            type: 'object',
            properties: {
              File_Path: { type: 'string' },
              unit_amount: { type: 'integer' },
              recursive: { type: 'boolean' },
              options: { type: 'object', properties: { path: { type: 'string' } } },
            },
          },
        },
        {
          name: 'update_entry',
          description: 'Updates an entry.',
          inputSchema: { type: 'object', properties: { path: { type: 'number' }, amount: { type: 'string' }, force: { type: 'string' } } },
        },
      ],
    },
  });
  const rule = (name: string) => {
    const tool = guarded.tools.find((t) => t.name === name)!;
    return toolPage(tool, loadDefinition(tool)).rule;
  };

  it('a path climbing out, an amount over 10,000, a bulk flag: each named as the schema spells it', () => {
    expect(rule('update_record').deny_if).toEqual([
      { path: 'args.File_Path', op: 'regex', value: '(^|/)\\.\\.(/|$)|^~|/\\.ssh/|\\.env$' },
      { path: 'args.unit_amount', op: 'gt', value: 10000 },
      { path: 'args.recursive', op: 'eq', value: true },
    ]);
  });

  it('none for parameters of another type', () => {
    expect(rule('update_entry').deny_if).toBeUndefined();
  });
});

describe('describeRule', () => {
  const perMinute = { counter: 'c', window: 'minute', max: 60, scope: 'grant' } as const;
  it.each<[string, Rule, string]>([
    ['{}', {}, 'Allows t; every tool the policy does not name is denied.'],
    [
      'explicit allow with a limit',
      { action: 'allow', limits: [perMinute] },
      'Allows t, at most 60 calls a minute per grant; every tool the policy does not name is denied.',
    ],
    [
      'two limits and a guard',
      { limits: [perMinute, { counter: 'd', window: 'day', max: 1, scope: 'session' }], deny_if: [{ path: 'args.a', op: 'exists' }] },
      'Allows t, at most 60 calls a minute per grant and 1 call a day per session, refusing calls whose arguments fail 1 check; every tool the policy does not name is denied.',
    ],
    [
      'require_approval with checks',
      {
        action: 'require_approval',
        limits: [{ counter: 'h', window: 'hour', max: 30, scope: 'agent' }],
        require: [{ path: 'args.a', op: 'exists' }],
        deny_if: [{ path: 'args.b', op: 'gt', value: 1 }],
      },
      'Lets t run only after a person approves each call, at most 30 calls an hour per agent, refusing calls whose arguments fail 2 checks; every tool the policy does not name is denied.',
    ],
    [
      'require_approval alone',
      { action: 'require_approval' },
      'Lets t run only after a person approves each call; every tool the policy does not name is denied.',
    ],
    ['deny', { action: 'deny', reason: 'No.', limits: [perMinute] }, 'Denies every call to t; every tool the policy does not name is denied.'],
    [
      'a per-second limit',
      { limits: [{ counter: 's', window: 'second', max: 2, scope: 'session' }] },
      'Allows t, at most 2 calls a second per session; every tool the policy does not name is denied.',
    ],
  ])('%s', (_label, rule, expected) => {
    expect(describeRule('t', rule)).toBe(expected);
  });
});
