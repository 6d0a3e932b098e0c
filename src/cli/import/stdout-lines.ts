import type { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { deserializeMessage, STDIO_DEFAULT_MAX_BUFFER_SIZE } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { ImportError } from './errors.ts';

export interface StdoutHandlers {
  /** A line that is not JSON-RPC (a banner, a log line): MCP clients skip it and read on, as we do. */
  onStrayLine: (line: string) => void;
  /** Bytes read, for the cap on all responses; throws to stop the import. */
  onBytes: (count: number) => void;
}

/**
 * Splits the server's stdout into JSON-RPC messages as the SDK's ReadBuffer does, but hands each line
 * that is not JSON-RPC to `onStrayLine` (the SDK reports only a parse error, without the line), and
 * says plainly when a line outgrows the limit (the SDK's error ends in "connection closed").
 */
class TolerantReadBuffer {
  // Chunks of the line being read; joined only once it is complete, so a long line is not copied over and over.
  private parts: Buffer[] = [];
  private size = 0;
  /** parts[0..scanned) hold no line break. */
  private scanned = 0;
  private readonly handlers: StdoutHandlers;
  constructor(handlers: StdoutHandlers) {
    this.handlers = handlers;
  }

  append(chunk: Buffer): void {
    this.handlers.onBytes(chunk.length);
    if (this.size + chunk.length > STDIO_DEFAULT_MAX_BUFFER_SIZE) {
      this.clear();
      throw new ImportError({
        message: `the server wrote a line of more than ${STDIO_DEFAULT_MAX_BUFFER_SIZE / 1024 / 1024} MB to stdout, the limit for one message`,
        hint: 'a tool list this large is unusual; check what the server prints',
      });
    }
    this.parts.push(chunk);
    this.size += chunk.length;
  }

  readMessage(): JSONRPCMessage | null {
    for (;;) {
      while (this.scanned < this.parts.length && !this.parts[this.scanned]!.includes(0x0a)) this.scanned++;
      if (this.scanned === this.parts.length) return null;
      const buffer = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
      const end = buffer.indexOf(0x0a);
      const line = buffer.toString('utf8', 0, end).replace(/\r$/, '');
      const rest = buffer.subarray(end + 1);
      this.parts = rest.length > 0 ? [rest] : [];
      this.size = rest.length;
      this.scanned = 0;
      try {
        return deserializeMessage(line);
      } catch {
        if (line.trim()) this.handlers.onStrayLine(line);
      }
    }
  }

  clear(): void {
    this.parts = [];
    this.size = 0;
    this.scanned = 0;
  }
}

/**
 * Puts a TolerantReadBuffer in the transport. The SDK gives no option for it; should a later SDK
 * rename the field, nothing is replaced and its own ReadBuffer reports stray lines through onerror,
 * which the client counts too (without their text).
 */
export function readStdoutTolerantly(transport: StdioClientTransport, handlers: StdoutHandlers): void {
  const inner = transport as unknown as { _readBuffer?: unknown };
  if (inner._readBuffer !== undefined) inner._readBuffer = new TolerantReadBuffer(handlers);
}
