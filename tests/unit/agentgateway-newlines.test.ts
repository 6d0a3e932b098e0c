import fc from 'fast-check';
import { RE2JS } from 're2js';
import { describe, expect, it } from 'vitest';
import { agentgatewayAuthorization } from '../../src/core/dialects/agentgateway.ts';
import { globMatch } from '../../src/core/policy/glob.ts';
import type { Policy } from '../../src/core/policy/schema.ts';

// agentgateway's CEL `matches` runs an RE2-syntax engine (Rust's regex crate), where `.` stops at a
// line break: a `*` is written `[\s\S]*`. RE2 in JavaScript (re2js) reads the written patterns here.
const patternOf = (rule: string) => JSON.parse(/\.matches\(("(?:[^"\\]|\\.)*")\)/.exec(rule)![1]!) as string;
const denyPattern = (key: string) => {
  const policy: Policy = { version: '1', default: 'allow', tools: { [key]: { action: 'deny' } } };
  const [rule] = agentgatewayAuthorization('files', policy).fragment.mcp.policies.mcpAuthorization.rules;
  return patternOf((rule as { deny: string }).deny);
};
const matches = (pattern: string, name: string) => RE2JS.compile(pattern).matcher(name).find();

describe('agentgateway patterns match names with line breaks as policy-v1 does', () => {
  it.each<[string, string, boolean]>([
    ['delete_*', 'delete_note', true],
    ['delete_*', 'delete_\nnote', true],
    ['delete_*', 'delete_a\r\nb\u2028c', true],
    ['*_all', 'wipe\n_all', true],
    ['a*b*c', 'a\nx\nb\n\nc', true],
    ['delete_*', 'undelete_note', false],
    ['delete_*', 'delete', false],
    ['delete_*', 'delete_note\nextra', true],
    ['get.*', 'get\n', false],
  ])('%j against %j: %s', (key, name, expected) => {
    expect(matches(denyPattern(key), name)).toBe(expected);
  });

  it('matches exactly the names policy-v1 matches, line breaks and all (property)', () => {
    const piece = fc.string({ unit: fc.constantFrom('a', 'b', '.', '_', '\n', '\r', '\u2028', '(', '$', '\\'), maxLength: 4 });
    const key = fc.array(piece, { minLength: 2, maxLength: 4 }).map((parts) => parts.join('*'));
    const name = fc.string({ unit: fc.constantFrom('a', 'b', '.', '_', '\n', '\r', '\u2028', '(', '$', '\\', 'x'), maxLength: 12 });
    fc.assert(fc.property(key, name, (k, n) => matches(denyPattern(k), n) === globMatch(k, n)));
  });
});
