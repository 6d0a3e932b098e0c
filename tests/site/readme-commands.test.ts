import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FORMAT_EXAMPLE_POLICY } from '../../src/core/policy/example.ts';

// The README's command lines are the contract with a new user: each one runs as written.
const README = readFileSync('README.md', 'utf8');
const shellLines = [...README.matchAll(/```(?:bash|sh|shell)\n([\s\S]*?)```/g)].flatMap((block) => block[1]!.split('\n')).map((line) => line.trim());
const cliLines = shellLines.filter((line) => line.startsWith('npx policy-atlas '));
const needsNetwork = (line: string) => / --url /.test(line);

/** A user's folder: the sample catalog, a policy and a saved tools/list, with the project installed. */
function userFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'atlas-readme-'));
  cpSync(resolve('data'), join(dir, 'data'), { recursive: true });
  symlinkSync(resolve('node_modules'), join(dir, 'node_modules'));
  writeFileSync(join(dir, 'policy.json'), FORMAT_EXAMPLE_POLICY);
  writeFileSync(
    join(dir, 'tools-list.json'),
    JSON.stringify({
      tools: [
        { name: 'list_notes', description: 'Lists the notes in a folder.', inputSchema: { type: 'object', properties: { folder: { type: 'string' } } } },
        {
          name: 'delete_note',
          description: null,
          inputSchema: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
          annotations: { destructiveHint: true },
        },
      ],
    }),
  );
  // A Claude Code project configuration whose servers are real ones from npm, started from node_modules.
  const server = (pkg: string, ...args: string[]) => ({ command: 'node', args: [`node_modules/@modelcontextprotocol/${pkg}/dist/index.js`, ...args] });
  writeFileSync(join(dir, '.mcp.json'), JSON.stringify({ mcpServers: { everything: server('server-everything', 'stdio'), memory: server('server-memory') } }));
  return dir;
}

// A user's environment: the test's, Vitest's BASE_URL and MODE included (the build keeps them from the pages).
const run = (line: string, cwd: string, env: NodeJS.ProcessEnv = process.env) =>
  spawnSync('bash', ['-c', line], { cwd, env, encoding: 'utf8', timeout: 120_000 });

describe("the README's command lines", () => {
  const dir = userFolder();

  it('are found, and only those that reach the network are left out', () => {
    expect(cliLines.length).toBeGreaterThanOrEqual(6);
    expect(cliLines.filter(needsNetwork)).toEqual([expect.stringContaining('--url https://mcp.example.com/')]);
  });

  // Six lines build (the imported stack's site; the sample's, again with --jobs 2; two shards and their
  // merge), each a command a user types, so each runs. The later ones into site/ reuse its pages, but a
  // build's time here is mostly Astro starting (about 2 s of 3), so sharing more would save little.
  it.each(cliLines.filter((line) => !needsNetwork(line)))('%s', (line) => {
    const result = run(line, dir);
    expect(result.stderr + result.stdout).not.toMatch(/npm warn|EBADENGINE/i);
    expect({ code: result.status, stderr: result.stderr.slice(-2000) }).toEqual({ code: 0, stderr: expect.any(String) });
  });

  it("print only the tool's own lines when the machine's node is older than 22.18", () => {
    // The Node this suite runs on was put first on PATH by scripts/ensure-node.sh; take it off again.
    const path = (process.env.PATH ?? '')
      .split(delimiter)
      .filter((entry) => !entry.includes('policy-atlas/node-'))
      .join(delimiter);
    const result = run('npx policy-atlas validate policy.json', dir, { ...process.env, PATH: path });
    expect(result.stderr).not.toMatch(/npm warn|EBADENGINE/i);
    expect(result.stdout).toMatch(/valid/i);
    expect(result.status).toBe(0);
  });
});
