import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { ListToolsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerFile } from '../../src/build/catalog/load.ts';
import { run as importCommand } from '../../src/cli/import-command.ts';
import { runCommand } from '../support/command-io.ts';
import { ROOT } from '../support/run-cli.ts';

const EVERYTHING = join(ROOT, 'node_modules/.bin/mcp-server-everything');
const dir = mkdtempSync(join(tmpdir(), 'policy-atlas-http-'));
const servers: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts server-everything over `mode` on a free port; resolves once it says it listens. */
async function startEverything(mode: 'streamableHttp' | 'sse'): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, [EVERYTHING, mode], { env: { ...process.env, PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(child);
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      if (/listening|running/i.test(log)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`server-everything ${mode} exited (${code}): ${log}`)));
  });
  return `http://127.0.0.1:${port}${mode === 'sse' ? '/sse' : '/mcp'}`;
}

let streamableUrl = '';
let sseUrl = '';
beforeAll(async () => {
  [streamableUrl, sseUrl] = await Promise.all([startEverything('streamableHttp'), startEverything('sse')]);
}, 60_000);
const httpServers: HttpServer[] = [];
afterAll(() => {
  for (const child of servers) child.kill();
  guarded?.close();
  for (const server of httpServers) server.closeAllConnections();
  for (const server of httpServers) server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Listens on a free local port; resolves to the base URL. */
async function listen(handler: Parameters<typeof createHttpServer>[1]): Promise<string> {
  const server = createHttpServer(handler);
  httpServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
}

type ListTools = (request: { params?: { cursor?: string } }, url: string) => unknown;

/** A stateless Streamable HTTP MCP server whose tools/list answers come from `listTools`; it calls itself `name`. */
function startMcpServer(listTools: ListTools, name: (url: string) => string = () => 'fixture'): Promise<string> {
  return listen(async (req, res) => {
    const server = new Server({ name: name(req.url ?? ''), version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, (request) => listTools(request, req.url ?? '') as never);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
}

const TOKEN = 'hunter2-guarded';
let guarded: HttpServer | undefined;

/** A stateless Streamable HTTP server that answers only with the right bearer token, and echoes it (a leaky server). */
async function startGuardedServer(): Promise<string> {
  guarded = createHttpServer(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${TOKEN}`) {
      res.writeHead(401).end('unauthorized');
      return;
    }
    const server = new Server({ name: 'guarded', version: '1.0.0' }, { capabilities: { tools: {} } });
    server.setRequestHandler(ListToolsRequestSchema, () => ({
      tools: [
        { name: 'whoami', description: `Calls the API with ${req.headers.authorization} for ${req.headers['x-tenant']}.`, inputSchema: { type: 'object' } },
      ],
    }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => void transport.close());
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((resolve) => guarded!.listen(0, '127.0.0.1', resolve));
  const address = guarded.address();
  return `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/mcp`;
}

async function listedBySdk(url: string): Promise<string[]> {
  const client = new Client({ name: 'policy-atlas-test', version: '0' }, { capabilities: {} });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  try {
    return (await client.listTools()).tools.map((t) => t.name);
  } finally {
    await client.close();
  }
}

describe('policy-atlas import --url, against the real server-everything', () => {
  it.each<[string, () => string, string]>([
    ['Streamable HTTP', () => streamableUrl, 'streamable-http'],
    ['SSE, after Streamable HTTP fails', () => sseUrl, 'sse'],
  ])(
    '%s: every tool, the transport recorded, no header value written',
    async (_, url, transport) => {
      const out = join(dir, `${transport}.json`);
      const result = await runCommand(importCommand, ['--url', url(), '--header', 'Authorization: Bearer hunter2-http-token', '--out', out]);
      expect(result.stderr).toContain(`over ${transport}`);
      expect(result.code).toBe(0);
      const { data } = loadServerFile(out);
      expect(data.transport).toEqual([transport]);
      expect(data.tools.map((t) => t.name).sort()).toEqual((await listedBySdk(streamableUrl)).sort());
      expect(readFileSync(out, 'utf8')).not.toContain('hunter2');
    },
    60_000,
  );

  it('sends the --header values, and redacts one the server echoes', async () => {
    const url = await startGuardedServer();
    const out = join(dir, 'guarded.json');
    const denied = await runCommand(importCommand, ['--url', url, '--out', out, '--header', 'Authorization: Bearer wrong-token']);
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/cannot connect to .*401/);
    const result = await runCommand(importCommand, ['--url', url, '--out', out, '--header', `Authorization: Bearer ${TOKEN}`, '--header', 'X-Tenant: acme']);
    expect(result.code).toBe(0);
    expect(loadServerFile(out).data.tools).toEqual([expect.objectContaining({ name: 'whoami', description: 'Calls the API with [redacted] for acme.' })]);
    expect(readFileSync(out, 'utf8')).not.toContain(TOKEN);
  }, 60_000);

  it('nothing listening: both transports named in one message, exit 1', async () => {
    const url = `http://127.0.0.1:${await freePort()}/mcp`;
    const result = await runCommand(importCommand, ['--url', url, '--out', join(dir, 'none.json'), '--timeout', '5000']);
    expect(result.stderr).toMatch(
      new RegExp(`cannot connect to ${url.replace(/[.]/g, '\\.')}: Streamable HTTP: .+; SSE: .+ \\(hint: check the URL and the --header values\\)`),
    );
    expect(result.code).toBe(1);
  }, 60_000);
});

describe('policy-atlas import --url: credentials in the URL', () => {
  const KEY = 'sk-test-0123456789abcdef';
  const PATH_KEY = 'pk9f2c4e6a8b0d1f3e5a7';

  it('keeps query values, userinfo and key-like path segments out of the data file and the terminal', async () => {
    // A leaky server: it echoes the URL it was called with into a description and its own name.
    const base = await startMcpServer(
      (_, url) => ({ tools: [{ name: 'whereami', description: `Called at ${url}.`, inputSchema: { type: 'object' } }] }),
      (url) => `Echo ${url}`,
    );
    const url = `${base}/${PATH_KEY}/mcp?api_key=${KEY}`;
    const out = join(dir, 'echo.json');
    const result = await runCommand(importCommand, ['--url', url, '--out', out]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain(`connecting to ${base}/[redacted]/mcp?api_key=[redacted] (Streamable HTTP)`);
    expect(result.stderr).toContain('connected to Echo /[redacted]/mcp?api_key=[redacted]');
    const written = readFileSync(out, 'utf8');
    expect(loadServerFile(out).data.tools[0]!.description).toBe('Called at /[redacted]/mcp?api_key=[redacted].');
    for (const text of [written, result.stdout, result.stderr]) {
      expect(text).not.toContain(KEY);
      expect(text).not.toContain(PATH_KEY);
    }
  }, 60_000);

  it('says nothing of the credentials when it cannot connect', async () => {
    const url = `http://alice:${KEY}@127.0.0.1:${await freePort()}/token/${PATH_KEY}/mcp?api_key=${KEY}`;
    const result = await runCommand(importCommand, ['--url', url, '--out', join(dir, 'none.json'), '--timeout', '5000']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/cannot connect to http:\/\/\[redacted\]@127\.0\.0\.1:\d+\/token\/\[redacted\]\/mcp\?api_key=\[redacted\]: /);
    expect(result.stderr).not.toContain(KEY);
    expect(result.stderr).not.toContain(PATH_KEY);
  }, 60_000);
});

describe('policy-atlas import --url: a server that sends too much, or for too long', () => {
  it('stops past 50 MB of responses', async () => {
    // Answers every request with a JSON body that goes on (60 MB, then it gives up).
    const base = await listen((req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(1024 * 1024);
      res.write('{"jsonrpc":"2.0","id":0,"result":{"padding":"');
      let sent = 0;
      const more = () => {
        while (sent < 60 && res.write(chunk)) sent++;
        if (sent >= 60) res.end('"}}');
        else
          res.once('drain', () => {
            sent++;
            more();
          });
      };
      more();
    });
    const result = await runCommand(importCommand, ['--url', `${base}/mcp`, '--out', join(dir, 'huge.json'), '--timeout', '20000']);
    expect(result.stderr).toContain('the server sent more than 50 MB, the limit for one import');
    expect(result.code).toBe(1);
  }, 60_000);

  it('stops past 100000 tools', async () => {
    const tools = Array.from({ length: 100_001 }, (_, i) => ({ name: `t${i}`, inputSchema: { type: 'object' } }));
    const base = await startMcpServer(() => ({ tools }));
    const result = await runCommand(importCommand, ['--url', `${base}/mcp`, '--out', join(dir, 'many.json')]);
    expect(result.stderr).toContain('tools/list page 1: the server lists more than 100000 tools, the limit for one import');
    expect(result.code).toBe(1);
  }, 60_000);

  it('stops after 10 × --timeout in all, even when each answer comes in time', async () => {
    // Each page comes after 200 ms, with a fresh cursor: no single request times out, the whole never ends.
    const base = await startMcpServer(async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const n = Number(request.params?.cursor ?? 0);
      return { tools: [{ name: `t${n}`, inputSchema: { type: 'object' } }], nextCursor: String(n + 1) };
    });
    const started = Date.now();
    const result = await runCommand(importCommand, ['--url', `${base}/mcp`, '--out', join(dir, 'slow.json'), '--timeout', '800']);
    expect(result.stderr).toContain('the import did not finish within 8000 ms (10 × --timeout)');
    expect(result.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});
