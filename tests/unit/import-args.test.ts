import { describe, expect, it } from 'vitest';
import { splitCommandLine } from '../../src/core/import/command-line.ts';
import { parseImportArgs, UsageError } from '../../src/cli/import/options.ts';

describe('splitCommandLine', () => {
  it.each<[string, string[]]>([
    ['npx -y @scope/server', ['npx', '-y', '@scope/server']],
    ['  node   server.js  stdio ', ['node', 'server.js', 'stdio']],
    [`node "/path with spaces/s.js" --root 'My Files'`, ['node', '/path with spaces/s.js', '--root', 'My Files']],
    [String.raw`cmd a\ b "say \"hi\"" 'it''s'`, ['cmd', 'a b', 'say "hi"', 'its']],
    [`cmd "" ''`, ['cmd', '', '']],
    ['cmd $HOME *.js', ['cmd', '$HOME', '*.js']],
  ])('%s', (line, words) => {
    expect(splitCommandLine(line)).toEqual(words);
  });

  it('refuses an unclosed quote', () => {
    expect(() => splitCommandLine('node "server.js')).toThrow('unclosed " quote in the command');
  });
});

const usageError = (args: string[]): string => {
  try {
    parseImportArgs(args);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
};

describe('parseImportArgs', () => {
  it('reads a stdio import with environment, and keeps the values as secrets', () => {
    const options = parseImportArgs([
      '--stdio',
      'node s.js stdio',
      '--env',
      'TOKEN=hunter2',
      '--env',
      'EMPTY=',
      '--out',
      'data/servers/s.json',
      '--timeout',
      '500',
      '--now',
      '2025-03-01',
    ]);
    expect(options.source).toEqual({ kind: 'stdio', command: 'node', args: ['s.js', 'stdio'], env: { TOKEN: 'hunter2', EMPTY: '' } });
    expect(options).toMatchObject({ out: 'data/servers/s.json', timeoutMs: 500, secretValues: ['hunter2', ''] });
    expect(options.now.toISOString()).toBe('2025-03-01T00:00:00.000Z');
  });

  it('reads an http import with headers', () => {
    const options = parseImportArgs(['--url', 'https://mcp.example.com/mcp', '--header', 'Authorization: Bearer abc123xyz']);
    expect(options.source).toEqual({ kind: 'http', url: new URL('https://mcp.example.com/mcp'), headers: { Authorization: 'Bearer abc123xyz' } });
    expect(options.secretValues).toEqual(['Bearer abc123xyz']);
    expect(options.timeoutMs).toBe(60_000);
  });

  it('reads --update, and keeps the credentials of --url as secrets', () => {
    const options = parseImportArgs(['--url', 'https://alice:s3cret-pass@mcp.example.com/key/k1/mcp?api_key=abc%2B123&region=eu', '--update']);
    expect(options.update).toBe(true);
    expect([...options.secretValues].sort()).toEqual(['abc%2B123', 'abc+123', 'alice', 'eu', 'k1', 's3cret-pass'].sort());
    expect(parseImportArgs(['--file', 'a.json']).update).toBe(false);
  });

  it.each<[string, string[], string]>([
    ['no source', ['--out', 'x.json'], 'say where the tools come from: --file, --stdio or --url'],
    ['two sources', ['--file', 'a.json', '--stdio', 'node s.js'], 'give one source, not --file and --stdio'],
    ['an unknown flag', ['--file', 'a.json', '--force'], 'unexpected argument "--force"'],
    ['a missing value', ['--file'], '--file needs a value'],
    ['a repeated flag', ['--file', 'a.json', '--file', 'b.json'], '--file is given twice'],
    ['env without stdio', ['--file', 'a.json', '--env', 'A=b'], '--env goes with --stdio'],
    ['header without url', ['--file', 'a.json', '--header', 'A: b'], '--header goes with --url'],
    ['a bad timeout', ['--file', 'a.json', '--timeout', '0'], '--timeout: must be more than 0, got the string "0"'],
    // setTimeout fires at once for anything above 2^31 - 1 ms: a huge timeout would be no timeout.
    [
      'a timeout past what a timer holds',
      ['--file', 'a.json', '--timeout', '2147483648'],
      '--timeout: must be at most 2147483647 ms (about 24 days), got the string "2147483648"',
    ],
    ['a bad slug', ['--file', 'a.json', '--slug', 'My Server'], '--slug: must be lowercase letters, digits and single dashes, got the string "My Server"'],
    ['a bad date', ['--file', 'a.json', '--now', 'yesterday'], '--now: must be a date like 2025-01-31, got the string "yesterday"'],
    [
      'plain http off localhost',
      ['--url', 'http://example.com/mcp'],
      '--url: must be an https URL (http only on localhost, since headers may carry credentials), got http://example.com/mcp',
    ],
    ['not a URL', ['--url', 'mcp.example.com/mcp'], '--url: must be a URL, e.g. https://mcp.example.com/mcp'],
    ['--update twice', ['--file', 'a.json', '--update', '--update'], '--update is given twice'],
    ['an unclosed quote', ['--stdio', 'node "s.js'], '--stdio: unclosed " quote in the command'],
    ['a bad variable name', ['--stdio', 'node s.js', '--env', '1TOKEN=x'], '--env: "1TOKEN" is not a variable name (letters, digits, _)'],
  ])('%s', (_, args, message) => {
    expect(usageError(args)).toBe(message);
  });

  it.each<[string, string[]]>([
    ['--env without =', ['--stdio', 'node s.js', '--env', 'TOKENhunter2']],
    ['--header without a colon', ['--url', 'https://x.example/mcp', '--header', 'Authorization Bearer hunter2']],
    // fetch would refuse these values with an error that quotes them.
    ['--header with a line break', ['--url', 'https://x.example/mcp', '--header', 'Authorization: Bearer hunter2\nX: y']],
    ['--header beyond Latin-1', ['--url', 'https://x.example/mcp', '--header', 'Authorization: Bearer hunter2€']],
    ['--env with a NUL', ['--stdio', 'node s.js', '--env', 'TOKEN=hunter2\u0000']],
    ['--url over plain http, with a key in the query', ['--url', 'http://x.io/?key=hunter2']],
    ['--url over plain http, with a user and password', ['--url', 'http://alice:hunter2@mcp.example.com/mcp']],
    ['--url that is not a URL', ['--url', 'mcp.example.com/mcp?api_key=hunter2']],
  ])('never echoes a credential in an error: %s', (_, args) => {
    expect(usageError(args)).not.toContain('hunter2');
  });
});
