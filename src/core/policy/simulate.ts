import { applyLimits, applyRule, type CounterState, type Decision } from './evaluate.ts';
import type { Policy } from './schema.ts';

export interface SimulatedCall {
  index: number;
  /** Milliseconds after the start of the run. */
  offset: number;
  decision: Decision;
}

export interface Simulation {
  tool: string;
  args: unknown;
  calls: number;
  /** The span the calls are spread over, evenly. */
  seconds: number;
  /** Epoch ms of the first call; aligned to a UTC hour by default so windows start with the run. */
  start: number;
  scope?: { grant?: string; session?: string; agent?: string };
}

export const alignedStart = (now: number) => Math.floor(now / 3_600_000) * 3_600_000;

/** Runs `calls` calls of one tool through the policy (as evaluatePolicy would), carrying the counters from call to call. */
export function simulateCalls(policy: Policy, simulation: Simulation): SimulatedCall[] {
  const { tool, args, calls, seconds, start } = simulation;
  const scope = simulation.scope ?? { grant: 'demo-grant', session: 'demo-session', agent: 'demo-agent' };
  const step = calls > 1 ? (seconds * 1000) / (calls - 1) : 0;
  // Every call has the same tool and arguments: match the rule and check its conditions once.
  const outcome = applyRule(policy, tool, args);
  let state: CounterState = {};
  const out: SimulatedCall[] = [];
  for (let index = 0; index < calls; index++) {
    const offset = Math.round(index * step);
    if ('decision' in outcome) {
      out.push({ index: index + 1, offset, decision: outcome.decision });
      continue;
    }
    const result = applyLimits(policy, outcome, { tool, args, scope, time: start + offset }, state);
    state = result.state;
    out.push({ index: index + 1, offset, decision: result.decision });
  }
  return out;
}

/** "60 allow, 1 rate_limited": counts by effect, in first-seen order. */
export function summarizeSimulation(calls: readonly SimulatedCall[]): string {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.decision.effect, (counts.get(call.decision.effect) ?? 0) + 1);
  return [...counts].map(([effect, n]) => `${n} ${effect.replace('_', ' ')}`).join(', ');
}
