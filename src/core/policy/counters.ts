import type { Limit } from './schema.ts';

type LimitWindow = Limit['window'];
export type ScopeKeys = Readonly<Partial<Record<'grant' | 'session' | 'agent', string>>>;

/** Calls counted in the latest window of each kind that a counter has seen. */
export type CounterWindows = Readonly<Partial<Record<LimitWindow, { readonly start: number; readonly count: number }>>>;

/**
 * Call counts by counter key (counter name + scope + scope key). Evaluation never mutates it: it
 * returns a new state. Each count is kept for all four window kinds, so limits that share a counter
 * name and scope share one count even when their windows differ.
 */
export type CounterState = Readonly<Record<string, CounterWindows>>;

const WINDOW_MS: Record<LimitWindow, number> = { second: 1_000, minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const WINDOWS = Object.keys(WINDOW_MS) as LimitWindow[];

/**
 * Epoch milliseconds count UTC without leap seconds, so flooring aligns windows to the UTC calendar.
 * A call older than the window already seen counts against that newer window: counts never reopen.
 */
function currentWindow(windows: CounterWindows | undefined, window: LimitWindow, time: number) {
  const ms = WINDOW_MS[window];
  const seen = windows?.[window];
  const start = seen && seen.start > time ? seen.start : Math.floor(time / ms) * ms;
  return { start, end: start + ms, count: seen?.start === start ? seen.count : 0 };
}

/** Calls without the limit's scope key (say, no session id) share one count for that scope. */
export function counterKey(limit: Limit, scope: ScopeKeys | undefined): string {
  const key = limit.scope === 'global' ? null : (scope?.[limit.scope] ?? null);
  return JSON.stringify([limit.scope, key, limit.counter]);
}

/** The first limit this call would take past its `max`, with the end of that window. */
export function exhaustedLimit(limits: readonly Limit[], scope: ScopeKeys | undefined, time: number, state: CounterState) {
  for (const limit of limits) {
    const window = currentWindow(state[counterKey(limit, scope)], limit.window, time);
    if (window.count + 1 > limit.max) return { limit, resetAt: window.end };
  }
  return undefined;
}

/** The state after counting one call against each distinct counter of `limits` (once, however many limits share it). */
export function countCall(limits: readonly Limit[], scope: ScopeKeys | undefined, time: number, state: CounterState): CounterState {
  if (limits.length === 0) return state;
  const next: Record<string, CounterWindows> = { ...state };
  for (const key of new Set(limits.map((limit) => counterKey(limit, scope)))) {
    const windows: Partial<Record<LimitWindow, { start: number; count: number }>> = {};
    for (const window of WINDOWS) {
      const current = currentWindow(state[key], window, time);
      windows[window] = { start: current.start, count: current.count + 1 };
    }
    next[key] = windows;
  }
  return next;
}
