/**
 * What we write, loaded by the real clients (installed by scripts/clients.sh), offline: each client
 * checks its configuration before it asks for a login, and says what it refused. One row per format;
 * a format whose writer is not in the registry yet is checked with a hand-written sample from the
 * client's docs, and switches to our writer as soon as the registry has one (the test name says which).
 */
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { parse as parseToml, stringify as stringifyToml } from 'smol-toml';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { parseServerFile } from '../../src/core/catalog/server-file.ts';
import { policyFormat } from '../../src/core/dialects/formats.ts';
import { stackPolicy } from '../../src/core/flows/stack-policy.ts';
import type { ServerFile } from '../../src/core/schema/server.ts';
import { runClient, type ClientId } from '../support/clients.ts';
import { runCli } from '../support/run-cli.ts';
import { CODE_HOST_SLUG, codeHostServer } from '../fixtures/code-host-server.ts';

// Tool names a client must take as they are or rewrite: separators, brackets, quotes, unicode, a `*`.
const oddNames: ServerFile = {
  name: 'Odd Names Server',
  tools: ['get(item)', 'say "hi"', 'dot.name', 'dash-name', 'under__score', 'naïve_tool', 'star*tool'].map((name) => ({
    name,
    description: `Returns the entry called ${name} from the user's private notes.`,
    inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
  })),
};
const serverFiles = { [CODE_HOST_SLUG]: codeHostServer, 'odd-names': oddNames };
const catalog = buildCatalog(
  Object.entries(serverFiles).map(([slug, file]) => ({ slug, file: `${slug}.json`, data: parseServerFile(file, `${slug}.json`).data })),
);
const stack = stackPolicy(catalog.servers);
const serverNames = stack.servers.map((server) => server.name);

// Codex wants its home outside /tmp (it warns there, on stderr); the user cache usually is.
const root = join(homedir(), '.cache', 'policy-atlas');
mkdirSync(root, { recursive: true });
const homes: string[] = [];
afterAll(() => homes.forEach((home) => rmSync(home, { recursive: true, force: true })));
function freshHome(): string {
  const home = mkdtempSync(join(root, 'conformance-'));
  homes.push(home);
  return home;
}

interface ClientCase {
  format: string;
  client: ClientId;
  /** The client's own configuration text for the stack, written from our format's output. */
  ours?: () => string;
  /** Hand-written from the client's docs, for the servers above; used while the registry has no writer. */
  sample?: string;
  /** Loads `text` into the client in `home`, and asserts it took every entry. */
  accepts(text: string, home: string): void;
  /** Variants the client must refuse, with what its refusal names: the check can fail. */
  broken: { what: string; text: (text: string) => string; says: RegExp }[];
}

/** What the registry writes for the stack, when it has a writer for the format. */
const written = (format: string) => policyFormat(format)?.write(stack.policy, stack.servers);

// ---- Claude Code: .claude/settings.json in a trusted project folder --------------------------------

const USER_SETTINGS = '{\n  "env": { "EDITOR": "vi" },\n  "permissions": { "deny": ["Bash(rm:*)"] }\n}\n';

function claudeAccepts(settings: string, home: string): string {
  const project = join(home, 'project');
  mkdirSync(join(project, '.claude'), { recursive: true });
  writeFileSync(join(project, '.claude', 'settings.json'), settings);
  writeFileSync(join(project, '.mcp.json'), JSON.stringify({ mcpServers: Object.fromEntries(serverNames.map((name) => [name, { command: 'true' }])) }));
  // Claude Code keys trust by the folder's real path (a HOME behind a symlink has another).
  writeFileSync(join(home, '.claude.json'), JSON.stringify({ projects: { [realpathSync(project)]: { hasTrustDialogAccepted: true } } }));
  const { output } = runClient('claude-code', ['-p', 'hi'], {
    home,
    cwd: project,
    env: { CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC: '1', DISABLE_AUTOUPDATER: '1' },
  });
  // It reads and reports the settings before it stops for the missing login.
  expect(output).toContain('Not logged in');
  return output;
}

// ---- Codex: $CODEX_HOME/config.toml -------------------------------------------------------------------

type CodexServer = { enabled_tools?: string[]; disabled_tools?: string[]; [key: string]: unknown };

/** Our fragment with each server given a command, as the user's own config.toml gives it. */
function codexConfig(fragment: string): string {
  const config = parseToml(fragment) as { mcp_servers?: Record<string, CodexServer> };
  for (const server of Object.values(config.mcp_servers ?? {})) server.command ??= 'true';
  return stringifyToml(config);
}

function codexGet(text: string, home: string, name: string) {
  const codexHome = join(home, '.codex');
  mkdirSync(codexHome, { recursive: true });
  writeFileSync(join(codexHome, 'config.toml'), text);
  return runClient('codex', ['mcp', 'get', name, '--json'], { home, env: { CODEX_HOME: codexHome } });
}

function codexAccepts(text: string, home: string): void {
  const servers = (parseToml(text) as { mcp_servers: Record<string, CodexServer> }).mcp_servers;
  expect(Object.keys(servers).length).toBeGreaterThan(0);
  for (const [name, server] of Object.entries(servers)) {
    const { status, output, stdout } = codexGet(text, home, name);
    expect({ status, output }).toEqual({ status: 0, output: expect.any(String) });
    const read = JSON.parse(stdout) as { enabled_tools: string[] | null; disabled_tools: string[] | null };
    expect(read.enabled_tools ?? undefined, name).toEqual(server.enabled_tools);
    expect(read.disabled_tools ?? undefined, name).toEqual(server.disabled_tools);
  }
}

/** The first server of the text with one key set to a value Codex must refuse. */
function codexWith(key: string, value: unknown) {
  return (text: string) => {
    const config = parseToml(text) as { mcp_servers: Record<string, CodexServer> };
    const first = Object.values(config.mcp_servers)[0]!;
    first[key] = value;
    return stringifyToml(config);
  };
}

const CODEX_SAMPLE = `# From Codex's documented [mcp_servers.<name>] keys: an allowlist, a blocklist, approvals.
[mcp_servers.code-host]
command = "true"
enabled_tools = ["read_file", "list_issues", "get_pull_request", "create_pull_request", "push_files", "add_issue_comment"]
default_tools_approval_mode = "auto"

[mcp_servers.code-host.tools.create_pull_request]
approval_mode = "prompt"

[mcp_servers.code-host.tools.push_files]
approval_mode = "prompt"

[mcp_servers.code-host.tools.add_issue_comment]
approval_mode = "prompt"

[mcp_servers.odd-names]
command = "true"
enabled_tools = ["dot.name", "dash-name"]
disabled_tools = ["star*tool"]
`;

// ---- Gemini CLI: a policy file given with --policy ----------------------------------------------------

function geminiRun(text: string, home: string) {
  writeFileSync(join(home, 'policy.toml'), text);
  return runClient('gemini-cli', ['-p', 'hi', '--policy', join(home, 'policy.toml'), '--skip-trust'], { home });
}

function geminiAccepts(text: string, home: string): void {
  const { output } = geminiRun(text, home);
  // It checks the policy file first, then stops for the missing credentials.
  expect(output).toContain('Please set an Auth method');
  expect(output).not.toMatch(/Policy file error|Schema validation failed|Invalid policy rule/);
}

const GEMINI_SAMPLE = `# From Gemini CLI's policy engine docs: one [[rule]] per tool, the sends asked about.
[[rule]]
mcpName = "code-host"
toolName = ["read_file", "list_issues", "get_pull_request"]
decision = "allow"
priority = 100

[[rule]]
mcpName = "code-host"
toolName = ["create_pull_request", "push_files", "add_issue_comment"]
decision = "ask_user"
priority = 100

[[rule]]
mcpName = "code-host"
toolName = "*"
decision = "deny"
priority = 10
denyMessage = "Not in the recommended policy."
`;

const CASES: ClientCase[] = [
  {
    format: 'claude-code',
    client: 'claude-code',
    ours: () => policyFormat('claude-code')!.intoConfig!(USER_SETTINGS, written('claude-code')!.fragment, 'settings.json').text,
    accepts(text, home) {
      expect(claudeAccepts(text, home)).not.toMatch(/skipped|Ignoring|Invalid permission/);
    },
    broken: [
      { what: 'a rule that is not a string', text: (text) => text.replace('"deny": [', '"deny": [1, '), says: /Non-string value in deny array was removed/ },
    ],
  },
  {
    format: 'codex',
    client: 'codex',
    ...(written('codex') ? { ours: () => codexConfig(written('codex')!.text) } : {}),
    sample: CODEX_SAMPLE,
    accepts: codexAccepts,
    broken: [
      {
        what: 'an approval mode Codex does not have',
        text: codexWith('default_tools_approval_mode', 'sometimes'),
        says: /unknown variant `sometimes`[\s\S]*default_tools_approval_mode/,
      },
      { what: 'a tool list that is a string', text: codexWith('enabled_tools', 'x'), says: /enabled_tools/ },
    ],
  },
  {
    format: 'gemini-cli',
    client: 'gemini-cli',
    ...(written('gemini-cli') ? { ours: () => written('gemini-cli')!.text } : {}),
    sample: GEMINI_SAMPLE,
    accepts: geminiAccepts,
    broken: [
      {
        what: 'a decision Gemini does not have',
        text: (text) => `${text}\n[[rule]]\ntoolName = "x"\ndecision = "sometimes"\npriority = 1\n`,
        says: /Policy file error[\s\S]*decision/,
      },
    ],
  },
];

describe.each(CASES.map((c) => [c.format, c] as const))('%s, loaded by the real client', (_format, c) => {
  const source = c.ours ? 'our writer' : 'a hand-written sample until the writer is registered';
  const text = () => (c.ours ? c.ours() : c.sample!);

  it(`takes every entry of what we write (${source})`, () => {
    expect(c.ours ?? c.sample, 'a row needs a writer or a sample').toBeDefined();
    c.accepts(text(), freshHome());
  });

  it.each(c.broken.map((b) => [b.what, b] as const))('refuses %s, naming it', (_what, b) => {
    const home = freshHome();
    const broken = b.text(text());
    const output =
      c.client === 'codex'
        ? codexGet(broken, home, Object.keys((parseToml(broken) as { mcp_servers: object }).mcp_servers)[0]!)
        : c.client === 'gemini-cli'
          ? geminiRun(broken, home)
          : { status: null, output: claudeAccepts(broken, home) };
    if (c.client === 'codex') expect(output.status).not.toBe(0);
    expect(output.output).toMatch(b.says);
  });
});

// ---- Codex: the user's own config.toml, merged by our CLI (policy --config --write) ----------------------

/** The stack's catalog as server files, for the CLI. */
function catalogDir(home: string): string {
  const dir = join(home, 'catalog');
  mkdirSync(join(dir, 'servers'), { recursive: true });
  for (const [slug, file] of Object.entries(serverFiles)) writeFileSync(join(dir, 'servers', `${slug}.json`), JSON.stringify(file));
  return dir;
}

const USER_CODEX_CONFIG = `# The user's own Codex configuration: our merge must keep this comment, these servers and their commands.
model = "o4-mini"

[mcp_servers.${CODE_HOST_SLUG}]
command = "npx"  # pinned below
args = ["-y", "@example/code-host@1.2.3", "--read-only"]
enabled_tools = ["stale_tool"]
startup_timeout_sec = 30

[mcp_servers.odd-names]
command = "odd-server"
args = ["--stdio"]

[mcp_servers.notes]
command = "notes-server"
`;

describe("codex: the user's config.toml merged by policy --config --write, loaded by the real client", () => {
  const ours = written('codex')!.fragment as { mcp_servers: Record<string, CodexServer> };

  it('shows our enabled and disabled tools and the original command and args of each server; the other server and the comment stay', async () => {
    const home = freshHome();
    const config = join(home, '.codex', 'config.toml');
    mkdirSync(join(home, '.codex'));
    writeFileSync(config, USER_CODEX_CONFIG);
    const cli = await runCli(['policy', '--catalog', catalogDir(home), '--for', 'codex', '--config', config, '--write']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).not.toContain('has no server');
    const merged = readFileSync(config, 'utf8');
    expect(merged).toContain(USER_CODEX_CONFIG.split('\n')[0]!);
    const original = parseToml(USER_CODEX_CONFIG) as { mcp_servers: Record<string, { command: string; args?: string[] }> };
    for (const name of [...serverNames, 'notes']) {
      const { status, output, stdout } = runClient('codex', ['mcp', 'get', name, '--json'], { home, env: { CODEX_HOME: join(home, '.codex') } });
      expect({ status, output }, name).toEqual({ status: 0, output: expect.any(String) });
      const read = JSON.parse(stdout) as { enabled_tools: string[] | null; disabled_tools: string[] | null; transport: { command: string; args: string[] } };
      expect([read.transport.command, read.transport.args], name).toEqual([original.mcp_servers[name]!.command, original.mcp_servers[name]!.args ?? []]);
      expect(read.enabled_tools ?? undefined, name).toEqual(ours.mcp_servers[name]?.enabled_tools);
      expect(read.disabled_tools ?? undefined, name).toEqual(ours.mcp_servers[name]?.disabled_tools);
    }
    expect(ours.mcp_servers[CODE_HOST_SLUG]!.enabled_tools).not.toContain('stale_tool');
  });

  it('leaves out a server the file lacks and says so; Codex still loads the file and the other servers', async () => {
    const home = freshHome();
    const config = join(home, '.codex', 'config.toml');
    mkdirSync(join(home, '.codex'));
    writeFileSync(config, USER_CODEX_CONFIG.replace(/\[mcp_servers\.odd-names\][^[]*/, ''));
    const cli = await runCli(['policy', '--catalog', catalogDir(home), '--for', 'codex', '--config', config, '--write']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).toMatch(/has no server named odd-names: its policy is left out/);
    const { status, output, stdout } = runClient('codex', ['mcp', 'get', CODE_HOST_SLUG, '--json'], { home, env: { CODEX_HOME: join(home, '.codex') } });
    expect({ status, output }).toEqual({ status: 0, output: expect.any(String) });
    expect((JSON.parse(stdout) as { enabled_tools: string[] | null }).enabled_tools ?? undefined).toEqual(ours.mcp_servers[CODE_HOST_SLUG]?.enabled_tools);
  });
});
