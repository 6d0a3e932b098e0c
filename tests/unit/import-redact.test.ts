import { describe, expect, it } from 'vitest';
import { leakedSecrets, REDACTED, redactSecrets, secretsOf } from '../../src/core/import/redact.ts';

describe('secretsOf', () => {
  it.each<[string, string[], string[]]>([
    ['an --env value', ['hunter2'], ['hunter2']],
    ['a bearer header: the whole value and the credential', ['Bearer abc123xyz'], ['Bearer abc123xyz', 'abc123xyz']],
    ['short values are not secrets', ['1', 'true', 'debug'], []],
    ['duplicates once, longest first', ['hunter2', 'hunter2-long', 'hunter2'], ['hunter2-long', 'hunter2']],
  ])('%s', (_, values, secrets) => {
    expect(secretsOf(values)).toEqual(secrets);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence, at any depth, in values and keys, and counts them', () => {
    const input = { tools: [{ name: 'read', description: 'Uses hunter2 (hunter2).', inputSchema: { properties: { hunter2: { default: 'x hunter2' } } } }] };
    const { value, count } = redactSecrets(input, ['hunter2']);
    expect(value).toEqual({ tools: [{ name: 'read', description: `Uses ${REDACTED} (${REDACTED}).`, inputSchema: { properties: { [REDACTED]: { default: `x ${REDACTED}` } } } }] });
    expect(count).toBe(4);
    expect(input.tools[0]!.description).toBe('Uses hunter2 (hunter2).');
  });

  it('replaces a longer secret whole before a shorter one inside it', () => {
    expect(redactSecrets('key: Bearer abc123xyz', secretsOf(['Bearer abc123xyz'])).value).toBe(`key: ${REDACTED}`);
  });

  it('leaves the value alone when there are no secrets', () => {
    const input = { a: 1 };
    expect(redactSecrets(input, [])).toEqual({ value: input, count: 0 });
  });
});

describe('leakedSecrets', () => {
  it.each<[string, string, string[]]>([
    ['plain', '{"d":"hunter2"}', ['hunter2']],
    ['as escaped in JSON', JSON.stringify({ d: 'pa"ss\\word' }), ['pa"ss\\word']],
    ['absent', '{"d":"[redacted]"}', []],
  ])('%s', (_, serialized, expected) => {
    expect(leakedSecrets(serialized, ['hunter2', 'pa"ss\\word'])).toEqual(expected);
  });
});
