import type { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { readStdoutTolerantly } from '../../src/cli/import/stdout-lines.ts';

interface Reader {
  append(chunk: Buffer): void;
  readMessage(): unknown;
}

/** The read buffer readStdoutTolerantly puts in a transport, and what it reported. */
function reader() {
  const stray: string[] = [];
  let bytes = 0;
  const transport = { _readBuffer: {} as Reader };
  readStdoutTolerantly(transport as unknown as StdioClientTransport, { onStrayLine: (line) => stray.push(line), onBytes: (n) => (bytes += n) });
  const buffer = transport._readBuffer;
  const drain = (chunk: string | Buffer) => {
    buffer.append(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
    const messages: unknown[] = [];
    for (let message = buffer.readMessage(); message !== null; message = buffer.readMessage()) messages.push(message);
    return messages;
  };
  return { drain, stray, bytes: () => bytes };
}

const ping = (id: number) => `${JSON.stringify({ jsonrpc: '2.0', id, method: 'ping' })}\n`;

describe('the stdout reader of a stdio import', () => {
  it('reads messages around lines that are not JSON-RPC, and reports those lines', () => {
    const { drain, stray, bytes } = reader();
    const text = `Server v1 starting…\n${ping(1)}\n{"hello":1}\r\n${ping(2)}`;
    expect(drain(text)).toEqual([
      { jsonrpc: '2.0', id: 1, method: 'ping' },
      { jsonrpc: '2.0', id: 2, method: 'ping' },
    ]);
    expect(stray).toEqual(['Server v1 starting…', '{"hello":1}']);
    expect(bytes()).toBe(Buffer.byteLength(text));
  });

  it('joins a message split across chunks, even inside a multi-byte character', () => {
    const { drain } = reader();
    const bytes = Buffer.from(`${JSON.stringify({ jsonrpc: '2.0', id: 1, result: { note: 'café ☕' } })}\n`);
    const cut = bytes.indexOf(0xe2) + 1; // inside ☕
    expect(drain(bytes.subarray(0, 10))).toEqual([]);
    expect(drain(bytes.subarray(10, cut))).toEqual([]);
    expect(drain(bytes.subarray(cut))).toEqual([{ jsonrpc: '2.0', id: 1, result: { note: 'café ☕' } }]);
  });

  it('refuses a line over 10 MB with a message that says so', () => {
    const { drain } = reader();
    drain('x'.repeat(6 * 1024 * 1024));
    expect(() => drain('x'.repeat(5 * 1024 * 1024))).toThrow('the server wrote a line of more than 10 MB to stdout, the limit for one message');
  });
});
