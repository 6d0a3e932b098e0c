import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { SSEClientTransport } from '@modelcontextprotocol/sdk/client/sse.js';
import { DEFAULT_INHERITED_ENV_VARS, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ErrorCode, McpError } from '@modelcontextprotocol/sdk/types.js';
import { resolve } from 'node:path';
import { z } from 'zod';
import { mergeToolPages, parseToolsList, type ServerInfo } from '../../core/import/parse-tools-list.ts';
import { redactedUrl } from '../../core/import/redact.ts';
import { warningsToSay } from '../../core/errors/warning-summary.ts';
import type { Tool } from '../../core/schema/server.ts';
import { plural } from '../../core/text/plural.ts';
import { quoteForTerminal, terminalSafe } from '../../core/text/terminal-safe.ts';
import { ImportError } from './errors.ts';
import { byteBudget, countingFetch, MAX_PAGES, MAX_TOOLS, OVERALL_TIMEOUTS, overallTimeoutMs } from './limits.ts';
import { readStdoutTolerantly } from './stdout-lines.ts';
import { DEFAULT_CLIENT_INFO } from './client-info.ts';

export { ImportError } from './errors.ts';
export { MAX_TIMER_MS } from './limits.ts';

export type Target =
  { kind: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string } | { kind: 'http'; url: URL; headers: Record<string, string> };

export interface ListOptions {
  /** Per request (initialize, each tools/list page), in milliseconds; the whole import gets OVERALL_TIMEOUTS times that. */
  timeoutMs: number;
  /** One line of progress or warning; may hold server text (made terminal-safe here, not redacted). */
  progress: (message: string) => void;
  /** What the client calls itself in `initialize` (default: policy-atlas). */
  clientInfo?: { name: string; version: string };
  /** The command's environment: a stdio server gets the part of it MCP clients pass on. */
  env: Readonly<Record<string, string | undefined>>;
  /** The command's working folder: where a stdio server starts unless its configuration says otherwise. */
  cwd: string;
}

export interface ListedTools {
  tools: Tool[];
  server?: ServerInfo;
  transport: 'stdio' | 'streamable-http' | 'sse';
}

// tools/list results are validated by parseToolsList, with messages naming the JSON path, not by the SDK.
const AnyResult = z.looseObject({});
const SHOWN_STRAY_LINES = 3;

type NewClient = () => Client;
const seconds = (start: number) => `${((Date.now() - start) / 1000).toFixed(1)} s`;

/** What the import saw go wrong on the way, for the final message should it fail. */
interface Trouble {
  stderrTail: string[];
  strayLines: number;
}

/** Lists every tool of a live server, following nextCursor, with a timeout on each request and on the whole. */
export async function listServerTools(target: Target, options: ListOptions): Promise<ListedTools> {
  const start = Date.now();
  const trouble: Trouble = { stderrTail: [], strayLines: 0 };
  let fail: (error: Error) => void = () => {};
  const failed = new Promise<never>((_, reject) => (fail = reject));
  failed.catch(() => {}); // settles after the race is over when nothing went wrong
  const overall = overallTimeoutMs(options.timeoutMs);
  const deadline = setTimeout(
    () =>
      fail(
        new ImportError(
          {
            message: `the import did not finish within ${overall} ms (${OVERALL_TIMEOUTS} × --timeout)`,
            hint: 'raise --timeout if the server is slow but steady',
          },
          undefined,
          tailText(trouble),
        ),
      ),
    overall,
  );
  const countBytes = byteBudget(fail);
  const onStrayLine = (line: string) => {
    trouble.strayLines++;
    if (trouble.strayLines <= SHOWN_STRAY_LINES)
      options.progress(`warning: the server wrote a line to stdout that is not JSON-RPC; skipped, as MCP clients do: ${quoteForTerminal(line)}`);
  };
  const onTransportError = (error: Error) => {
    if (error instanceof ImportError) fail(error);
    // The SDK's own ReadBuffer, should ours not be in place: a line that is not JSON or not JSON-RPC.
    else if (error instanceof SyntaxError || error.name === 'ZodError' || error.name === '$ZodError') onStrayLine(`(${error.message.slice(0, 80)})`);
  };

  // Every client made is closed at the end, even one whose connect never finished: it may own a child process.
  const clients: Client[] = [];
  const newClient: NewClient = () => {
    const client = new Client({ ...(options.clientInfo ?? DEFAULT_CLIENT_INFO) }, { capabilities: {} });
    clients.push(client);
    return client;
  };
  const stdioTransports: StdioClientTransport[] = [];
  let step = 'initialize';
  try {
    const work = async (): Promise<ListedTools> => {
      const connected =
        target.kind === 'stdio'
          ? await connectStdio(target, options, newClient, trouble, { onStrayLine, onBytes: countBytes }, onTransportError, stdioTransports)
          : await connectHttp(target, options, newClient, countBytes, onTransportError);
      const { client } = connected;
      const server = serverInfo(client);
      options.progress(
        `connected to ${terminalSafe(server?.title ?? server?.name ?? 'the server')}${server?.version ? ` ${terminalSafe(server.version)}` : ''} over ${connected.transport} in ${seconds(start)}`,
      );
      const pages: { context: string; tools: Tool[] }[] = [];
      const cursors = new Set<string>();
      let cursor: string | undefined;
      let total = 0;
      for (let n = 1; ; n++) {
        step = `tools/list (page ${n})`;
        const result = await client.request({ method: 'tools/list', params: cursor ? { cursor } : undefined }, AnyResult, { timeout: options.timeoutMs });
        const context = `tools/list page ${n}`;
        const page = parseToolsList(result, context);
        for (const line of warningsToSay(page.notes ?? [])) options.progress(line);
        pages.push({ context, tools: page.tools });
        total += page.tools.length;
        if (total > MAX_TOOLS)
          throw new ImportError(
            {
              message: `the server lists more than ${MAX_TOOLS} tools, the limit for one import`,
              hint: 'no client offers a model that many; check the server',
            },
            context,
          );
        if (page.nextCursor || n > 1) options.progress(`page ${n}: ${plural(page.tools.length, 'tool')} (${total} so far, ${seconds(start)})`);
        if (!page.nextCursor) break;
        if (cursors.has(page.nextCursor) || n >= MAX_PAGES)
          throw new ImportError(
            {
              message: `the server keeps sending more pages (cursor ${quoteForTerminal(page.nextCursor, 40)})`,
              hint: "its pagination loops; report it to the server's authors",
            },
            context,
          );
        cursors.add(page.nextCursor);
        cursor = page.nextCursor;
      }
      if (trouble.strayLines > SHOWN_STRAY_LINES)
        options.progress(`warning: ${plural(trouble.strayLines, 'line')} on stdout were not JSON-RPC in all (the first ${SHOWN_STRAY_LINES} shown above)`);
      const repeats: string[] = [];
      const tools = mergeToolPages(pages, repeats);
      for (const repeat of repeats) options.progress(`warning: ${repeat}`);
      return { tools, transport: connected.transport, ...(server ? { server } : {}) };
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
    throw explain(error, step, target, options.timeoutMs, trouble);
  } finally {
    clearTimeout(deadline);
    await Promise.all(clients.map((client) => client.close().catch(() => {})));
  }
}

function serverInfo(client: Client): ServerInfo | undefined {
  const info = client.getServerVersion();
  if (!info) return undefined;
  return Object.fromEntries(
    Object.entries({ name: info.name, title: info.title, version: info.version }).filter(([, v]) => typeof v === 'string' && v),
  ) as ServerInfo;
}

/**
 * How this machine reaches the network (proxies, extra CA certificates, npm's registry), passed to a
 * server beside the SDK's few defaults: `npx -y some-server` behind a proxy downloads nothing without
 * them and never answers. Nothing else of the shell's environment goes to a server we did not write.
 */
const NETWORK_VARIABLES =
  /^(?:https?_proxy|no_proxy|all_proxy|node_extra_ca_certs|ssl_cert_file|ssl_cert_dir|requests_ca_bundle|npm_config_(?:registry|cafile|proxy|https_proxy|noproxy|strict_ssl|cache))$/i;

export function networkEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => NETWORK_VARIABLES.test(entry[0]) && typeof entry[1] === 'string'));
}

/**
 * What the SDK passes every server (PATH, HOME…), taken from the command's environment: the SDK
 * reads the process's, and what is given here takes its place.
 */
function inheritedEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    DEFAULT_INHERITED_ENV_VARS.flatMap((key) => {
      const value = env[key];
      // As the SDK does: a shell function exported as a variable is no value to pass on.
      return value === undefined || value.startsWith('()') ? [] : [[key, value]];
    }),
  );
}

async function connectStdio(
  target: Extract<Target, { kind: 'stdio' }>,
  options: ListOptions,
  newClient: NewClient,
  trouble: Trouble,
  stdout: Parameters<typeof readStdoutTolerantly>[1],
  onError: (error: Error) => void,
  started: StdioClientTransport[],
) {
  const env = { ...inheritedEnvironment(options.env), ...networkEnvironment(options.env), ...target.env };
  const transport = new StdioClientTransport({ command: target.command, args: target.args, env, cwd: resolve(options.cwd, target.cwd ?? '.'), stderr: 'pipe' });
  readStdoutTolerantly(transport, stdout);
  // Keep the server's last stderr lines: they usually say why it failed.
  transport.stderr?.on('data', (chunk: Buffer) => {
    trouble.stderrTail.push(
      ...chunk
        .toString('utf8')
        .split('\n')
        .filter((line) => line.trim()),
    );
    trouble.stderrTail.splice(0, Math.max(0, trouble.stderrTail.length - 5));
  });
  options.progress(`starting ${target.command} (stdio)`);
  const client = newClient();
  started.push(transport);
  await connectWith(client, transport, options.timeoutMs, onError);
  return { client, transport: 'stdio' as const };
}

/** Streamable HTTP first; servers from before it (2024-11-05) only speak SSE. */
async function connectHttp(
  target: Extract<Target, { kind: 'http' }>,
  options: ListOptions,
  newClient: NewClient,
  countBytes: (n: number) => void,
  onError: (error: Error) => void,
) {
  const transportOptions = { requestInit: { headers: target.headers }, fetch: countingFetch(countBytes) };
  const shown = redactedUrl(target.url);
  options.progress(`connecting to ${shown} (Streamable HTTP)`);
  const streamable = newClient();
  try {
    await connectWith(streamable, new StreamableHTTPClientTransport(target.url, transportOptions), options.timeoutMs, onError);
    return { client: streamable, transport: 'streamable-http' as const };
  } catch (streamableError) {
    await streamable.close().catch(() => {});
    options.progress(`Streamable HTTP failed (${messageOf(streamableError)}); trying SSE`);
    const sse = newClient();
    try {
      await connectWith(sse, new SSEClientTransport(target.url, transportOptions), options.timeoutMs, onError);
      return { client: sse, transport: 'sse' as const };
    } catch (sseError) {
      await sse.close().catch(() => {});
      throw new ImportError({
        message: `cannot connect to ${shown}: Streamable HTTP: ${messageOf(streamableError)}; SSE: ${messageOf(sseError)}`,
        hint: 'check the URL and the --header values',
      });
    }
  }
}

async function connectWith(client: Client, transport: Transport, timeoutMs: number, onError: (error: Error) => void): Promise<void> {
  client.onerror = onError;
  await client.connect(transport, { timeout: timeoutMs });
}

// HTTP errors can carry a whole HTML error page: keep one short line, and nothing that drives the terminal.
const messageOf = (error: unknown) =>
  terminalSafe(
    (error instanceof Error ? error.message : String(error))
      .replace(/^MCP error -?\d+: /, '')
      .replace(/<[^>]*>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 300),
  );

function tailText(trouble: Trouble): string {
  const stray =
    trouble.strayLines > 0
      ? `\nThe server wrote ${plural(trouble.strayLines, 'line')} to stdout that ${trouble.strayLines === 1 ? 'is' : 'are'} not JSON-RPC (hint: an MCP server over stdio writes only JSON-RPC to stdout, and logs to stderr)`
      : '';
  const tail =
    trouble.stderrTail.length > 0
      ? `\nThe server's last stderr lines:\n${trouble.stderrTail.map((line) => `  ${terminalSafe(line.slice(0, 300))}`).join('\n')}`
      : '';
  return stray + tail;
}

/** Turns SDK and system errors into one message that says what happened and what to try. */
function explain(error: unknown, step: string, target: Target, timeoutMs: number, trouble: Trouble): Error {
  if (error instanceof ImportError || (error instanceof Error && error.name === 'DataError')) return error;
  const tail = tailText(trouble);
  const code = (error as { code?: unknown }).code;
  if (error instanceof McpError && code === ErrorCode.RequestTimeout) {
    return new ImportError(
      { message: `the server did not answer ${step} within ${timeoutMs} ms`, hint: 'check that the command starts an MCP server, or raise --timeout' },
      undefined,
      tail,
    );
  }
  if (error instanceof McpError && code === ErrorCode.ConnectionClosed) {
    return new ImportError(
      { message: `the server closed the connection before answering ${step}`, hint: 'run the command on its own to see why it stops' },
      undefined,
      tail,
    );
  }
  if (code === 'ENOENT' && target.kind === 'stdio') {
    return new ImportError({ message: `cannot start "${target.command}": command not found`, hint: 'check the spelling, or give the full path' });
  }
  return new ImportError(`${step} failed: ${messageOf(error)}`, undefined, tail);
}
