import { describe, expect, it } from 'vitest';
import { mergeClineSettings } from '../../src/core/dialects/cline-settings.ts';
import { DataError } from '../../src/core/errors/friendly.ts';

const SETTINGS = `{
\t"mcpServers": {
\t\t"code-host": {
\t\t\t"command": "npx",
\t\t\t"autoApprove": ["push_files"],
\t\t\t"args": ["-y", "code-host"],
\t\t\t"disabledTools": ["old"],
\t\t\t"disabled": false
\t\t},
\t\t"other": { "command": "other", "autoApprove": ["anything"] }
\t},
\t"theme": "dark"
}
`;

const FRAGMENT = { mcpServers: { 'code-host': { autoApprove: ['list_issues'], alwaysAllow: ['list_issues'] } } };
const merge = (text: string, fragment: unknown = FRAGMENT) => mergeClineSettings(text, fragment, 'mcp_settings.json');

describe('mergeClineSettings', () => {
  it('replaces our lists in the server entry, in place, and keeps every other key, server and the indentation', () => {
    const { text, notes } = merge(SETTINGS);
    expect(notes).toEqual([]);
    expect(text).toBe(`{
\t"mcpServers": {
\t\t"code-host": {
\t\t\t"command": "npx",
\t\t\t"autoApprove": [
\t\t\t\t"list_issues"
\t\t\t],
\t\t\t"args": [
\t\t\t\t"-y",
\t\t\t\t"code-host"
\t\t\t],
\t\t\t"disabled": false,
\t\t\t"alwaysAllow": [
\t\t\t\t"list_issues"
\t\t\t]
\t\t},
\t\t"other": {
\t\t\t"command": "other",
\t\t\t"autoApprove": [
\t\t\t\t"anything"
\t\t\t]
\t\t}
\t},
\t"theme": "dark"
}
`);
    expect(merge(text).text).toBe(text);
  });

  it('adds a server the file lacks (and mcpServers itself) with a note that its command is missing; keeps CRLF', () => {
    const { text, notes } = merge('{\r\n  "theme": "dark"\r\n}\r\n', { mcpServers: { new: { autoApprove: [], alwaysAllow: [], disabledTools: ['x'] } } });
    expect(text).toBe(
      '{\r\n  "theme": "dark",\r\n  "mcpServers": {\r\n    "new": {\r\n      "autoApprove": [],\r\n      "alwaysAllow": [],\r\n      "disabledTools": [\r\n        "x"\r\n      ]\r\n    }\r\n  }\r\n}\r\n',
    );
    expect(notes).toEqual([expect.stringMatching(/mcp_settings\.json had no server named new: .*add the server's command/)]);
    expect(JSON.parse(merge('').text)).toEqual(FRAGMENT);
  });

  it('treats a server named __proto__ as data', () => {
    const { text } = merge(
      '{ "mcpServers": { "__proto__": { "command": "x" } } }',
      JSON.parse('{ "mcpServers": { "__proto__": { "autoApprove": ["a"], "alwaysAllow": ["a"] } } }'),
    );
    expect(JSON.parse(text).mcpServers.__proto__).toEqual({ command: 'x', autoApprove: ['a'], alwaysAllow: ['a'] });
    expect(({} as Record<string, unknown>).command).toBeUndefined();
  });

  it.each<[string, string, RegExp]>([
    ['not JSON', '{ "mcpServers": { ,} }', /^mcp_settings\.json: not valid JSON: .*line 1/],
    ['not an object', '[]', /mcp_settings\.json: expected a JSON object/],
    ['servers that are not an object', '{ "mcpServers": [] }', /mcp_settings\.json › mcpServers: expected an object of servers/],
    ['an entry that is not an object', '{ "mcpServers": { "code-host": "npx" } }', /mcp_settings\.json › mcpServers\["code-host"\]: expected an object/],
  ])('refuses a file that is %s, naming the file and the path', (_what, text, message) => {
    expect(() => merge(text)).toThrow(DataError);
    expect(() => merge(text)).toThrow(message);
  });
});
