import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { mergeToolPages, parseToolsList, type ServerInfo } from '../../core/import/parse-tools-list.ts';
import type { Tool } from '../../core/schema/server.ts';

export type Target =
  | { kind: 'stdio'; command: string; args: string[]; env: Record<string, string> }
  | { kind: 'http'; url: URL; headers: Record<string, string> };

export interface ListOptions {
  /** Per request (initialize, each tools/list page), in milliseconds. */
  timeoutMs: number;
  progress: (message: string) => void;
}

export interface ListedTools {
  tools: Tool[];
  server?: ServerInfo;
  transport: 'stdio' | 'streamable-http' | 'sse';
}

/** A failure to explain to the user as is: the message already says what happened and what to try. */
export class ImportError extends Error {
  override name = 'ImportError';
}

/** The longest delay a Node timer holds (about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
// A server that never stops paging (a cursor that cycles through fresh values) must not hang the import.
const MAX_PAGES = 1000;
// tools/list results are validated by parseToolsList, with messages naming the JSON path, not by the SDK.
const AnyResult = z.looseObject({});

type NewClient = () => Client;
const seconds = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`;

/** Lists every tool of a live server, following nextCursor, with a timeout on each request. */
export async function listServerTools(target: Target, options: ListOptions): Promise<ListedTools> {
  const start = Date.now();
  const stderrTail: string[] = [];
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {}); // settles after the race is over when nothing went wrong
  const onTransportError = (error: Error) => {
    // The SDK reports a stdout line that is not JSON (SyntaxError) or not JSON-RPC (ZodError), then goes on waiting.
    if (error instanceof SyntaxError || error.name === 'ZodError' || error.name === '$ZodError') {
      const detail = error instanceof SyntaxError ? error.message : 'valid JSON, but not a JSON-RPC message';
      fail(new ImportError(`the server wrote a line to stdout that is not JSON-RPC (${detail}) (hint: an MCP server over stdio must write only JSON-RPC messages to stdout and log to stderr)${tailText(stderrTail)}`));
    }
  };

  // Every client made is closed at the end, even one whose connect never finished: it may own a child process.
  const clients: Client[] = [];
  const newClient: NewClient = () => {
    const client = new Client({ name: 'policy-atlas', version: '0.1.0' }, { capabilities: {} });
    clients.push(client);
    return client;
  };
  const stdioTransports: StdioClientTransport[] = [];
  let step = 'initialize';
  try {
    const work = async (): Promise<ListedTools> => {
      const connected = target.kind === 'stdio'
        ? await connectStdio(target, options, newClient, stderrTail, onTransportError, stdioTransports)
        : await connectHttp(target, options, newClient);
      const { client } = connected;
      const server = serverInfo(client);
      options.progress(`connected to ${server?.title ?? server?.name ?? 'the server'}${server?.version ? ` ${server.version}` : ''} over ${connected.transport} in ${seconds(start)}`);
      const pages: { context: string; tools: Tool[] }[] = [];
      const cursors = new Set<string>();
      let cursor: string | undefined;
      for (let n = 1; ; n++) {
        step = `tools/list (page ${n})`;
        const result = await client.request({ method: 'tools/list', params: cursor ? { cursor } : undefined }, AnyResult, { timeout: options.timeoutMs });
        const context = `tools/list page ${n}`;
        const page = parseToolsList(result, context);
        for (const note of page.notes ?? []) options.progress(note);
        pages.push({ context, tools: page.tools });
        const total = pages.reduce((sum, p) => sum + p.tools.length, 0);
        if (page.nextCursor || n > 1) options.progress(`page ${n}: ${page.tools.length} tool${page.tools.length === 1 ? '' : 's'} (${total} so far, ${seconds(start)})`);
        if (!page.nextCursor) break;
        if (cursors.has(page.nextCursor) || n >= MAX_PAGES) throw new ImportError(`${context}: the server keeps sending more pages (cursor ${JSON.stringify(page.nextCursor.slice(0, 40))}) (hint: its pagination loops; report it to the server's authors)`);
        cursors.add(page.nextCursor);
        cursor = page.nextCursor;
      }
      return { tools: mergeToolPages(pages), transport: connected.transport, ...(server ? { server } : {}) };
    };
    return await Promise.race([work(), failed]);
  } catch (error) {
    // A server that failed may ignore stdin closing; end it now rather than after the SDK's grace period.
    for (const transport of stdioTransports) {
      try {
        if (transport.pid) process.kill(transport.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    throw explain(error, step, target, options.timeoutMs, stderrTail);
  } finally {
    await Promise.all(clients.map((client) => client.close().catch(() => {})));
  }
}

function serverInfo(client: Client): ServerInfo | undefined {
  const info = client.getServerVersion();
  if (!info) return undefined;
  return Object.fromEntries(Object.entries({ name: info.name, title: info.title, version: info.version }).filter(([, v]) => typeof v === 'string' && v)) as ServerInfo;
}

async function connectStdio(target: Extract<Target, { kind: 'stdio' }>, options: ListOptions, newClient: NewClient, stderrTail: string[], onError: (error: Error) => void, started: StdioClientTransport[]) {
  const transport = new StdioClientTransport({ command: target.command, args: target.args, env: target.env, stderr: 'pipe' });
  // Keep the server's last stderr lines: they usually say why it failed.
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderrTail.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim()));
    stderrTail.splice(0, Math.max(0, stderrTail.length - 5));
  });
  options.progress(`starting ${target.command} (stdio)`);
  const client = newClient();
  started.push(transport);
  await connectWith(client, transport, options.timeoutMs, onError);
  return { client, transport: 'stdio' as const };
}

/** Streamable HTTP first; servers from before it (2024-11-05) only speak SSE. */
async function connectHttp(target: Extract<Target, { kind: 'http' }>, options: ListOptions, newClient: NewClient) {
  const requestInit = { headers: target.headers };
  options.progress(`connecting to ${target.url.origin}${target.url.pathname} (Streamable HTTP)`);
  const streamable = newClient();
  try {
    await connectWith(streamable, new StreamableHTTPClientTransport(target.url, { requestInit }), options.timeoutMs);
    return { client: streamable, transport: 'streamable-http' as const };
  } catch (streamableError) {
    await streamable.close().catch(() => {});
    options.progress(`Streamable HTTP failed (${messageOf(streamableError)}); trying SSE`);
    const sse = newClient();
    try {
      await connectWith(sse, new SSEClientTransport(target.url, { requestInit }), options.timeoutMs);
      return { client: sse, transport: 'sse' as const };
    } catch (sseError) {
      await sse.close().catch(() => {});
      throw new ImportError(`cannot connect to ${target.url.origin}${target.url.pathname}: Streamable HTTP: ${messageOf(streamableError)}; SSE: ${messageOf(sseError)} (hint: check the URL and the --header values)`);
    }
  }
}

async function connectWith(client: Client, transport: Transport, timeoutMs: number, onError?: (error: Error) => void): Promise<void> {
  client.onerror = (error) => onError?.(error);
  await client.connect(transport, { timeout: timeoutMs });
}

// HTTP errors can carry a whole HTML error page: keep one short line.
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))
  .replace(/^MCP error -?\d+: /, '').replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 300);
const tailText = (tail: readonly string[]) => (tail.length > 0 ? `\nThe server's last stderr lines:\n${tail.map((line) => `  ${line.slice(0, 300)}`).join('\n')}` : '');

/** Turns SDK and system errors into one message that says what happened and what to try. */
function explain(error: unknown, step: string, target: Target, timeoutMs: number, stderrTail: readonly string[]): Error {
  if (error instanceof ImportError || (error instanceof Error && error.name === 'DataError')) return error;
  const tail = tailText(stderrTail);
  const code = (error as { code?: unknown }).code;
  if (error instanceof McpError && code === ErrorCode.RequestTimeout) {
    return new ImportError(`the server did not answer ${step} within ${timeoutMs} ms (hint: check that the command starts an MCP server, or raise --timeout)${tail}`);
  }
  if (error instanceof McpError && code === ErrorCode.ConnectionClosed) {
    return new ImportError(`the server closed the connection before answering ${step} (hint: run the command on its own to see why it stops)${tail}`);
  }
  if (code === 'ENOENT' && target.kind === 'stdio') {
    return new ImportError(`cannot start "${target.command}": command not found (hint: check the spelling, or give the full path)`);
  }
  return new ImportError(`${step} failed: ${messageOf(error)}${tail}`);
}
