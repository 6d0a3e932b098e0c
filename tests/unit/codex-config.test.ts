import fc from 'fast-check';
import { parse, stringify } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { mergeCodexConfig, sameTomlData, withoutPolicyKeys } from '../../src/core/dialects/codex-config.ts';
import type { CodexServerPolicy } from '../../src/core/dialects/codex.ts';
import { DataError } from '../../src/core/errors/friendly.ts';

const CONFIG = `# My Codex setup
model = "o4"

[mcp_servers.code-host]
command = "npx"   # pinned below
args = ["-y", "code-host@1.2.3"]
enabled_tools = ["old"] # stale
startup_timeout_sec = 20

[mcp_servers.code-host.env]
TOKEN_NAME = "GH"

[mcp_servers.code-host.tools.push_files]
approval_mode = "approve"

# keep this
[mcp_servers.code-host.tools.read_file]
approval_mode = "approve"
note = "mine"

[mcp_servers."my.server"]
url = "https://example.invalid/mcp"
`;

const FRAGMENT = {
  mcp_servers: {
    'code-host': {
      enabled_tools: ['read_file', 'push_files'],
      default_tools_approval_mode: 'prompt',
      tools: { read_file: { approval_mode: 'prompt' }, list_issues: { approval_mode: 'approve' } },
    },
    'my.server': { disabled_tools: ['remove'], default_tools_approval_mode: 'prompt' },
  },
};

const merge = (text: string, fragment: unknown = FRAGMENT) => mergeCodexConfig(text, fragment, 'config.toml');

describe('mergeCodexConfig', () => {
  it('replaces the keys we own in each server table and keeps every other byte', () => {
    expect(merge(CONFIG)).toEqual({
      notes: [],
      text: `# My Codex setup
model = "o4"

[mcp_servers.code-host]
command = "npx"   # pinned below
args = ["-y", "code-host@1.2.3"]
startup_timeout_sec = 20
enabled_tools = [ "read_file", "push_files" ]
default_tools_approval_mode = "prompt"

[mcp_servers.code-host.tools.list_issues]
approval_mode = "approve"

[mcp_servers.code-host.env]
TOKEN_NAME = "GH"

# keep this
[mcp_servers.code-host.tools.read_file]
note = "mine"
approval_mode = "prompt"

[mcp_servers."my.server"]
url = "https://example.invalid/mcp"
disabled_tools = [ "remove" ]
default_tools_approval_mode = "prompt"
`,
    });
  });

  it('is idempotent: a second merge changes nothing', () => {
    const once = merge(CONFIG).text;
    expect(merge(once).text).toBe(once);
  });

  it('leaves out a server the file lacks, and says to add it: Codex refuses a whole file with a server it cannot start', () => {
    const fragment = { mcp_servers: { 'new one': { default_tools_approval_mode: 'approve', tools: { t: { approval_mode: 'prompt' } } } } };
    const { text, notes } = merge('model = "o4"', fragment);
    expect(text).toBe('model = "o4"');
    expect(notes).toEqual([
      expect.stringMatching(/config\.toml has no server named new one: its policy is left out; add the server .*\[mcp_servers\."new one"\]/),
    ]);
    expect(merge('', fragment).text).toBe('');
  });

  it('adds the table of a server the file has only sub-tables of, without the note', () => {
    const { text, notes } = merge('[mcp_servers.a.env]\nX = "1"\n', { mcp_servers: { a: { default_tools_approval_mode: 'prompt' } } });
    expect(notes).toEqual([]);
    expect(parse(text)).toEqual({ mcp_servers: { a: { env: { X: '1' }, default_tools_approval_mode: 'prompt' } } });
  });

  it('keeps CRLF line breaks and a file without a final line break', () => {
    const { text } = merge('[mcp_servers.a]\r\ncommand = "x"', {
      mcp_servers: { a: { default_tools_approval_mode: 'prompt', tools: { t: { approval_mode: 'approve' } } } },
    });
    expect(text).toBe(
      '[mcp_servers.a]\r\ncommand = "x"\r\ndefault_tools_approval_mode = "prompt"\r\n\r\n[mcp_servers.a.tools.t]\r\napproval_mode = "approve"\r\n',
    );
  });

  it.each([
    ['an inline table of approval modes', 'tools = { t = { approval_mode = "approve" } }\n'],
    ['approval modes as dotted keys', 'tools.t.approval_mode = "approve"\ntools.u.approval_mode = "approve"\n'],
    ['a [tools] table of inline approval modes', '\n[mcp_servers.a.tools]\nt = { approval_mode = "approve" }\nu.approval_mode = "prompt"\n'],
  ])('takes out %s, and a second merge changes nothing', (_what, keys) => {
    const fragment = { mcp_servers: { a: { default_tools_approval_mode: 'prompt' } } };
    const { text } = merge(`[mcp_servers.a]\ncommand = "x"\n${keys}`, fragment);
    expect(text).toBe('[mcp_servers.a]\ncommand = "x"\ndefault_tools_approval_mode = "prompt"\n');
    expect(merge(text, fragment).text).toBe(text);
  });

  it.each<[string, string, RegExp]>([
    ['not TOML', '[mcp_servers.a\n', /^config\.toml: not valid TOML: .* at line 1/],
    [
      'a server as an inline table',
      '[mcp_servers]\ncode-host = { command = "x" }\n',
      /config\.toml › mcp_servers\["code-host"\]: the server is written as an inline table or with dotted keys/,
    ],
    ['all servers as an inline table', 'mcp_servers = { other = { command = "x" } }\n', /the server is written as an inline table or with dotted keys/],
    ['servers as an array of tables', '[[mcp_servers]]\nname = "x"\n', /config\.toml › mcp_servers: expected a table of servers/],
    ['tools as an array of tables', '[mcp_servers.code-host]\n[[mcp_servers.code-host.tools]]\nname = "x"\n', /expected a table, not an array of tables/],
    [
      'a tool setting of its own in an inline table',
      '[mcp_servers.code-host]\ntools = { t = { approval_mode = "approve", other = 1 } }\n',
      /a tool setting besides approval_mode in an inline table/,
    ],
    [
      'a tool of ours written with dotted keys',
      '[mcp_servers.code-host]\ncommand = "x"\ntools.read_file.other = 1\n',
      /the policy cannot be merged into this file/,
    ],
  ])('refuses %s, naming the file', (_what, config, message) => {
    expect(() => merge(config)).toThrow(DataError);
    expect(() => merge(config)).toThrow(message);
  });

  // Random user files (servers, keys of ours and not, comments) and random policies.
  const name = fc.constantFrom('a', 'code-host', 'my.server', 'say "hi"', 'a = b', 'naïve', '__proto__');
  const tool = fc.constantFrom('read', 'push.files', 'x y', '*', 'é', '__proto__');
  const mode = fc.constantFrom('approve', 'prompt', 'auto');
  const tools = fc.dictionary(tool, fc.record({ approval_mode: mode, note: fc.string({ maxLength: 3 }) }, { requiredKeys: [] }), { maxKeys: 3 });
  const userServer = fc.record(
    {
      command: fc.string({ maxLength: 6 }),
      args: fc.array(fc.string({ maxLength: 4 }), { maxLength: 2 }),
      env: fc.dictionary(fc.stringMatching(/^[A-Z]{1,3}$/), fc.string({ maxLength: 3 }), { maxKeys: 2 }),
      enabled_tools: fc.array(tool, { maxLength: 2 }),
      default_tools_approval_mode: mode,
      tools,
    },
    { requiredKeys: [] },
  );
  const ourServer = fc.record(
    {
      enabled_tools: fc.array(tool, { maxLength: 3 }),
      disabled_tools: fc.array(tool, { maxLength: 2 }),
      default_tools_approval_mode: mode,
      tools: fc.dictionary(tool, fc.record({ approval_mode: mode }), { maxKeys: 3 }),
    },
    { requiredKeys: ['default_tools_approval_mode'] },
  );
  const userConfig = fc.record({ model: fc.string({ maxLength: 4 }), mcp_servers: fc.dictionary(name, userServer, { maxKeys: 3 }) }, { requiredKeys: [] });

  it('keeps everything we do not own, writes what we own, keeps every comment, and merges twice to the same text (property)', () => {
    fc.assert(
      fc.property(
        userConfig,
        fc.dictionary(name, ourServer, { minKeys: 1, maxKeys: 3 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        (config, ours, commentAt) => {
          // A comment before some of the statements of the file (stringify writes one per line).
          const lines = stringify(config).split('\n');
          const text = lines.map((line, index) => (commentAt[index] && line.trim() !== '' ? `# c${index}\n${line}` : line)).join('\n');
          const fragment = { mcp_servers: ours };
          const merged = merge(text, fragment).text;
          const [before, after] = [parse(text), parse(merged)];
          expect(sameTomlData(withoutPolicyKeys(after, Object.keys(ours)), withoutPolicyKeys(before, Object.keys(ours)))).toBe(true);
          for (const [server, keys] of Object.entries(ours) as [string, CodexServerPolicy][]) {
            // A server the file lacks is left out, as the notes say.
            if (!Object.hasOwn((before.mcp_servers ?? {}) as object, server)) {
              expect(Object.hasOwn((after.mcp_servers ?? {}) as object, server)).toBe(false);
              continue;
            }
            const written = (after.mcp_servers as Record<string, Record<string, unknown>>)[server]!;
            expect([written.enabled_tools, written.disabled_tools, written.default_tools_approval_mode]).toEqual([
              keys.enabled_tools,
              keys.disabled_tools,
              keys.default_tools_approval_mode,
            ]);
            for (const [name, { approval_mode }] of Object.entries(keys.tools ?? {}))
              expect((written.tools as Record<string, { approval_mode: string }>)[name]!.approval_mode).toBe(approval_mode);
          }
          expect(merged.match(/^# c\d+$/gm) ?? []).toEqual(text.match(/^# c\d+$/gm) ?? []);
          expect(merge(merged, fragment).text).toBe(merged);
        },
      ),
      { numRuns: 300 },
    );
  });

  // Files laid out by hand: quoted and spaced headers, multi-line arrays, inline tables, comments at line ends.
  const header = fc.constantFrom(
    (key: string) => `[mcp_servers.${key}]`,
    (key: string) => `[ mcp_servers . ${key} ]  # keep`,
  );
  const quoted = (key: string) => stringify({ [key]: 0 }).replace(/ = 0\n$/, '');
  const keptLines = fc.subarray([
    'command = "npx" # keep',
    'args = [\n  "-y", # keep\n  "pkg@1.0.0",\n]',
    'env = { TOKEN_NAME = "GH", X = "}" }',
    'startup_timeout_sec = 30',
    '# keep: a comment line',
    '',
  ]);
  const ownedLines = fc.subarray(['enabled_tools = [\n  "old", # drop\n]', 'disabled_tools = ["x"] # drop', 'default_tools_approval_mode = "auto"']);
  const toolTable = fc.record({ tool: tool, note: fc.boolean(), mode: mode });
  const handServer = fc.record({ name, header, kept: keptLines, owned: ownedLines, tools: fc.array(toolTable, { maxLength: 2 }) });

  it('keeps every line of a hand-written file it does not own, in its order (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(handServer, { selector: (server) => server.name, maxLength: 3 }),
        fc.dictionary(name, ourServer, { minKeys: 1, maxKeys: 3 }),
        (servers, ours) => {
          const seenTools = new Set<string>();
          const text = servers
            .map(({ name, header, kept, owned, tools }) => {
              const lines = [header(quoted(name)), ...[...kept, ...owned].sort()];
              for (const { tool, note, mode } of tools) {
                if (seenTools.has(`${name}/${tool}`)) continue;
                seenTools.add(`${name}/${tool}`);
                lines.push('', `[mcp_servers.${quoted(name)}.tools.${quoted(tool)}]`, `approval_mode = "${mode}"`, ...(note ? ['note = "mine" # keep'] : []));
              }
              return `# keep: server ${servers.indexOf(servers.find((s) => s.name === name)!)}\n${lines.join('\n')}\n`;
            })
            .join('\n');
          const merged = merge(text, { mcp_servers: ours }).text;
          // Every line marked keep is there, in the same order.
          const keep = text.split('\n').filter((line) => line.includes('# keep'));
          const found = merged.split('\n').filter((line) => line.includes('# keep'));
          expect(found).toEqual(keep);
          expect(sameTomlData(withoutPolicyKeys(parse(merged), Object.keys(ours)), withoutPolicyKeys(parse(text), Object.keys(ours)))).toBe(true);
          expect(merge(merged, { mcp_servers: ours }).text).toBe(merged);
        },
      ),
      { numRuns: 300 },
    );
  });
});
