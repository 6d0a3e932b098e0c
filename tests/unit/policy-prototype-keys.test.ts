import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../src/core/policy/evaluate.ts';
import { policyJsonSchema } from '../../src/core/policy/json-schema.ts';
import { lintPolicy } from '../../src/core/policy/lint.ts';
import { PolicySchema } from '../../src/core/policy/schema.ts';
import { validatePolicyText } from '../../src/core/policy/validate.ts';

// MCP servers may call a tool `__proto__` or `constructor`; a policy naming one must keep its rule.
const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const NOON = Date.UTC(2025, 5, 15, 12);

/** Written as text, as a user pastes it: an object literal would turn `__proto__` into the prototype. */
const policyText = (defaultEffect: 'allow' | 'deny', tools: string) => `{"version": "1", "default": "${defaultEffect}", "tools": {${tools}}}`;
const parsed = (text: string) => {
  const result = validatePolicyText(text);
  expect(result.problems.filter((problem) => problem.severity === 'error')).toEqual([]);
  return result.policy!;
};
const decide = (text: string, tool: string) => evaluatePolicy(parsed(text), { tool, args: {}, time: NOON }).decision;

describe('tool names that are Object.prototype keys', () => {
  it.each(PROTOTYPE_NAMES)('a deny rule for %s is kept through validation and decides its calls', (name) => {
    const text = policyText('allow', `"${name}": {"action": "deny", "reason": "no"}, "other": {}`);
    expect(Object.keys(parsed(text).tools!)).toEqual([name, 'other']);
    expect(decide(text, name)).toEqual({ effect: 'deny', rule: name, reason: 'no' });
    expect(decide(text, 'other')).toMatchObject({ effect: 'allow', rule: 'other' });
  });

  it.each(PROTOTYPE_NAMES)('a call to %s with no rule for it gets the default', (name) => {
    expect(decide(policyText('deny', '"other": {}'), name)).toEqual({ effect: 'deny', rule: null, reason: `no rule for "${name}"; the default is deny` });
    expect(decide(policyText('allow', '"other": {}'), name)).toMatchObject({ effect: 'allow', rule: null });
  });

  it('a __proto__ rule is checked like any other', () => {
    const result = validatePolicyText(policyText('deny', '\n"__proto__": {"action": "nope"}'));
    expect(result.ok).toBe(false);
    expect(result.problems).toMatchObject([
      {
        severity: 'error',
        line: 2,
        path: ['tools', '__proto__', 'action'],
        message: expect.stringMatching(/^tools\.__proto__\.action: expected one of "allow", "deny", "require_approval"/),
      },
    ]);
  });

  it('PolicySchema keeps an own __proto__ key and does not change the prototype of tools', () => {
    const tools = PolicySchema.parse(JSON.parse(policyText('deny', '"__proto__": {"action": "deny"}'))).tools!;
    expect(Object.hasOwn(tools, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(tools)).not.toEqual({ action: 'deny' });
    expect(JSON.parse(JSON.stringify(tools))).toEqual(JSON.parse('{"__proto__": {"action": "deny"}}'));
  });

  it('lint sees the rule: a __proto__ rule hidden by "hide" is reported', () => {
    const policy = parsed('{"version": "1", "default": "deny", "hide": ["__*"], "tools": {"__proto__": {}}}');
    expect(lintPolicy(policy)).toEqual([
      expect.objectContaining({ path: ['tools', '__proto__'], message: expect.stringContaining('hidden by hide[0] "__*"') }),
    ]);
  });

  it('the JSON Schema puts no restriction on tool names beyond being non-empty', () => {
    const tools = (policyJsonSchema() as { properties: { tools: Record<string, unknown> } }).properties.tools;
    expect(tools).toEqual({ type: 'object', propertyNames: { type: 'string', minLength: 1 }, additionalProperties: { $ref: '#/$defs/Rule' } });
  });
});

// Arguments come from JSON.parse, which keeps a `__proto__` key as an ordinary one: so must a condition's value.
describe('condition values with a __proto__ key', () => {
  const guarded = (condition: string) => `{"version": "1", "default": "deny", "tools": {"t": {"deny_if": [${condition}]}}}`;
  const effect = (text: string, args: string) => evaluatePolicy(parsed(text), { tool: 't', args: JSON.parse(args), time: NOON }).decision.effect;

  it.each<[string, string, string, 'deny' | 'allow']>([
    ['eq: the same object', '{"path": "args.o", "op": "eq", "value": {"__proto__": {"x": 1}}}', '{"o": {"__proto__": {"x": 1}}}', 'deny'],
    ['eq: an empty object is not it', '{"path": "args.o", "op": "eq", "value": {"__proto__": {"x": 1}}}', '{"o": {}}', 'allow'],
    ['neq: an empty object differs', '{"path": "args.o", "op": "neq", "value": {"__proto__": 1}}', '{"o": {}}', 'deny'],
    ['in: a member', '{"path": "args.o", "op": "in", "value": [{"__proto__": 1}]}', '{"o": {"__proto__": 1}}', 'deny'],
    ['not_in: an empty object is not a member', '{"path": "args.o", "op": "not_in", "value": [{"__proto__": 1}]}', '{"o": {}}', 'deny'],
    ['contains: an array item', '{"path": "args.l", "op": "contains", "value": {"a": {"__proto__": 1}}}', '{"l": [{"a": {}}]}', 'allow'],
  ])('%s', (_name, condition, args, expected) => {
    expect(effect(guarded(condition), args)).toBe(expected);
  });

  it('the parsed policy keeps the key, and values stay plain objects', () => {
    const value = (
      parsed(guarded('{"path": "args.o", "op": "eq", "value": {"__proto__": {"x": 1}, "y": [{"__proto__": 2}]}}')).tools!.t!.deny_if![0] as {
        value: Record<string, unknown>;
      }
    ).value;
    expect(Object.keys(value)).toEqual(['__proto__', 'y']);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(JSON.stringify(value)).toBe('{"__proto__":{"x":1},"y":[{"__proto__":2}]}');
  });
});
