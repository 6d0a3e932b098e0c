import { describe, expect, it } from 'vitest';
import { leakedSecrets, REDACTED, redactedUrl, redactSecrets, redactText, secretsOf, urlSecrets } from '../../src/core/import/redact.ts';

describe('secretsOf', () => {
  it.each<[string, string[], string[]]>([
    ['an --env value', ['hunter2-secret'], ['hunter2-secret']],
    ['a bearer header: the whole value and the credential', ['Bearer abc123xyz'], ['Bearer abc123xyz', 'abc123xyz']],
    ['short values too (they are matched as whole strings only); empty ones are not', ['1', 'true', 'debug', '', '  '], ['debug', 'true', '1']],
    ['duplicates once, longest first', ['hunter2-secret', 'hunter2-secret-long', 'hunter2-secret'], ['hunter2-secret-long', 'hunter2-secret']],
  ])('%s', (_, values, secrets) => {
    expect(secretsOf(values)).toEqual(secrets);
  });
});

describe('urlSecrets and redactedUrl', () => {
  it.each<[string, string, string[], string]>([
    [
      'query values, encoded and decoded, and a bare query token',
      'https://mcp.example.com/mcp?api_key=abc%2F123xyz&region=eu+west&zzTOKENzz',
      ['abc%2F123xyz', 'eu+west', 'zzTOKENzz', 'abc/123xyz', 'eu west'],
      'https://mcp.example.com/mcp?api_key=[redacted]&region=[redacted]&[redacted]',
    ],
    ['user and password', 'https://alice:p%40ss-word@mcp.example.com/mcp', ['alice', 'p%40ss-word', 'p@ss-word'], 'https://[redacted]@mcp.example.com/mcp'],
    [
      'a segment after /key/ or /token/, however short',
      'https://mcp.example.com/key/k1/token/t2/mcp',
      ['k1', 't2'],
      'https://mcp.example.com/key/[redacted]/token/[redacted]/mcp',
    ],
    [
      'a long random-looking segment (letters mixed with digits)',
      'https://actions.example.com/mcp/sk-ak-9fJ2kLm4Np6Qr8St0Uv/sse',
      ['sk-ak-9fJ2kLm4Np6Qr8St0Uv'],
      'https://actions.example.com/mcp/[redacted]/sse',
    ],
    ['ordinary segments stay', 'https://mcp.example.com/v1/notes-server-production/mcp', [], 'https://mcp.example.com/v1/notes-server-production/mcp'],
  ])('%s', (_, href, secrets, shown) => {
    const url = new URL(href);
    expect(urlSecrets(url).sort()).toEqual([...secrets].sort());
    expect(redactedUrl(url)).toBe(shown);
  });
});

describe('redactSecrets', () => {
  it('replaces every occurrence of a long secret, at any depth, in values and keys, and counts them', () => {
    const input = { tools: [{ name: 'read', description: 'Uses hunter22 (hunter22).', inputSchema: { properties: { hunter22: { default: 'x hunter22' } } } }] };
    const { value, count } = redactSecrets(input, ['hunter22']);
    expect(value).toEqual({
      tools: [{ name: 'read', description: `Uses ${REDACTED} (${REDACTED}).`, inputSchema: { properties: { [REDACTED]: { default: `x ${REDACTED}` } } } }],
    });
    expect(count).toBe(4);
    expect(input.tools[0]!.description).toBe('Uses hunter22 (hunter22).');
  });

  it("leaves values under 8 characters alone: they are the tools' own words as often as settings", () => {
    const input = {
      description: 'Set level 1 or 2; transport stdio.',
      inputSchema: { properties: { level: { default: '1' }, transport: { enum: ['stdio', 'http'] } } },
    };
    const { value, count } = redactSecrets(input, secretsOf(['1', 'stdio']));
    expect(value).toEqual(input);
    expect(count).toBe(0);
  });

  it('replaces a longer secret whole before a shorter one inside it', () => {
    expect(redactSecrets('key: Bearer abc123xyz', secretsOf(['Bearer abc123xyz'])).value).toBe(`key: ${REDACTED}`);
  });

  it('leaves the value alone when there are no secrets', () => {
    const input = { a: 1 };
    expect(redactSecrets(input, [])).toEqual({ value: input, count: 0 });
  });
});

describe('redactText', () => {
  it('replaces long secrets in a message, and leaves short values in ordinary text', () => {
    expect(redactText('connected to Notes hunter2-secret on port 8080', secretsOf(['hunter2-secret', '8080']))).toBe(
      `connected to Notes ${REDACTED} on port 8080`,
    );
  });
});

describe('leakedSecrets', () => {
  it.each<[string, string, string[]]>([
    ['plain', '{"d":"hunter22"}', ['hunter22']],
    ['as escaped in JSON', JSON.stringify({ d: 'pa"ss\\word' }), ['pa"ss\\word']],
    ['absent', '{"d":"[redacted]"}', []],
    ["a short value is the file's own word, not a leak", '{"transport":["stdio"]}', []],
  ])('%s', (_, serialized, expected) => {
    expect(leakedSecrets(serialized, ['hunter22', 'pa"ss\\word', 'stdio'])).toEqual(expected);
  });
});
