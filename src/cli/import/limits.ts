import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { ImportError } from './errors.ts';

/** The longest delay a Node timer holds (about 24.8 days); a longer one fires at once. */
export const MAX_TIMER_MS = 2 ** 31 - 1;
// A live import is bounded however the server behaves: in pages, tools, bytes and time.
export const MAX_PAGES = 1000;
export const MAX_TOOLS = 100_000;
export const MAX_RESPONSE_BYTES = 50 * 1024 * 1024;
/** The whole import (start, initialize, every page) may take this many times --timeout. */
export const OVERALL_TIMEOUTS = 10;

export const overallTimeoutMs = (timeoutMs: number) => Math.min(timeoutMs * OVERALL_TIMEOUTS, MAX_TIMER_MS);

/** Counts the bytes a server sends; past MAX_RESPONSE_BYTES it calls `fail` and throws, to stop reading. */
export function byteBudget(fail: (error: ImportError) => void): (count: number) => void {
  let total = 0;
  return (count) => {
    total += count;
    if (total <= MAX_RESPONSE_BYTES) return;
    const error = new ImportError({
      message: `the server sent more than ${MAX_RESPONSE_BYTES / 1024 / 1024} MB, the limit for one import`,
      hint: 'a tool list is rarely over a few MB; check what the server sends',
    });
    fail(error);
    throw error;
  };
}

// Statuses whose responses have no body, which the Response constructor refuses one for.
const NULL_BODY = new Set([101, 204, 205, 304]);

/** fetch, with every response body counted against the budget as it streams in. */
export function countingFetch(count: (bytes: number) => void): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init);
    if (!response.body || NULL_BODY.has(response.status)) return response;
    const counted = response.body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          count(chunk.byteLength);
          controller.enqueue(chunk);
        },
      }),
    );
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
