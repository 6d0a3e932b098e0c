/** A policy that breaks toxic flows: each flow loses its leg with the fewest tools, and its endpoint needs a person's approval. */
import { isPattern } from '../policy/glob.ts';
import { SERVER_CALLS_PER_MINUTE, policyDocument } from '../catalog/recommend.ts';
import type { Policy, Rule } from '../policy/schema.ts';
import { FLOW_ENDPOINT, FLOW_TITLES, findFlows, type Flow, type FlowKind, type FlowLeg, type FlowTool } from './flows.ts';
import type { FlowRole } from './role-kinds.ts';

/** A tool with its recommended rule. */
export interface PolicyTool extends FlowTool {
  rule: Rule;
}

/** How one flow is broken: which leg is denied (tool names), and which endpoint tools need approval. */
export interface FlowBreak {
  kind: FlowKind;
  denied: { role: FlowRole; tools: string[] };
  /** The tools' own rules already denied that leg: nothing new was denied. */
  alreadyDenied: boolean;
  approved: string[];
}

export interface FlowPolicy {
  policy: Policy;
  breaks: FlowBreak[];
}

const STRICTNESS: Record<NonNullable<Rule['action']>, number> = { allow: 0, require_approval: 1, deny: 2 };
const strictness = (rule: Rule) => STRICTNESS[rule.action ?? 'allow'];
// On a tie, deny where an attack starts, and keep the endpoint usable under approval.
const CUT_PREFERENCE: readonly FlowRole[] = ['untrusted', 'private', 'destroys', 'sink'];

const ROLE_PHRASES: Record<FlowRole, string> = {
  private: 'reads private data',
  untrusted: 'takes in content that others write',
  sink: 'sends outside',
  destroys: 'deletes or overwrites',
};

const legNames = (leg: FlowLeg) => [...new Set(leg.tools.map((tool) => tool.name))];

/**
 * One policy for a set of tools (a server, or a stack of servers) that breaks every flow they make:
 * the recommended rules, then for each flow the leg with the fewest tools still allowed is denied
 * (unless the rules already deny a whole leg) and the flow's endpoint tools need approval. A rule
 * only ever gets stricter. A name shared by several tools gets the strictest of their rules; a
 * name with `*` is left out (as a key it would be a pattern over other tools' names), so the
 * default denies it.
 */
export function flowPolicy(tools: readonly PolicyTool[], flows: readonly Flow[] = findFlows(tools)): FlowPolicy {
  const rules = new Map<string, Rule>();
  for (const tool of tools) {
    if (isPattern(tool.name)) continue;
    const current = rules.get(tool.name);
    if (!current || strictness(tool.rule) > strictness(current)) rules.set(tool.name, tool.rule);
  }
  // A left-out name is denied by the default.
  const denied = (name: string) => {
    const rule = rules.get(name);
    return rule === undefined || rule.action === 'deny';
  };
  const breaks = flows.map((flow): FlowBreak => {
    const title = FLOW_TITLES[flow.kind];
    const deniedLeg = flow.legs.find((leg) => legNames(leg).every(denied));
    const allowedCount = (leg: FlowLeg) => legNames(leg).filter((name) => !denied(name)).length;
    const cut = deniedLeg ?? [...flow.legs].sort((a, b) => allowedCount(a) - allowedCount(b) || CUT_PREFERENCE.indexOf(a.role) - CUT_PREFERENCE.indexOf(b.role))[0]!;
    if (!deniedLeg) {
      for (const name of legNames(cut).filter((n) => !denied(n))) {
        rules.set(name, { action: 'deny', reason: `Breaks a toxic flow (${title}): it ${ROLE_PHRASES[cut.role]}, the flow's leg with the fewest tools.` });
      }
    }
    const endpoint = flow.legs.find((leg) => leg.role === FLOW_ENDPOINT[flow.kind])!;
    const approved: string[] = [];
    for (const name of legNames(endpoint).filter((n) => !denied(n))) {
      const { action: _action, reason: _reason, ...rest } = rules.get(name)!;
      if (rules.get(name)!.action !== 'require_approval') {
        rules.set(name, { action: 'require_approval', reason: `A person approves each call: it ${ROLE_PHRASES[endpoint.role]}, where a toxic flow (${title}) ends.`, ...rest });
      }
      approved.push(name);
    }
    return { kind: flow.kind, denied: { role: cut.role, tools: legNames(cut) }, alreadyDenied: deniedLeg !== undefined, approved };
  });
  return { policy: policyDocument(Object.fromEntries(rules), SERVER_CALLS_PER_MINUTE), breaks };
}

const ROLE_PLURALS: Record<FlowRole, string> = {
  private: 'read private data',
  untrusted: 'take in content that others write',
  sink: 'send outside',
  destroys: 'delete or overwrite',
};

/** How a page says a flow is broken: words, the denied tools' names (to show as code), more words. */
export function breakWords(b: FlowBreak): { before: string; tools: string[]; after: string } {
  const leg = ROLE_PLURALS[b.denied.role];
  const n = b.approved.length;
  return {
    before: b.alreadyDenied ? `Already broken: the policy denies the tools that ${leg}, ` : `Broken by denying the leg with the fewest tools, those that ${leg}: `,
    tools: b.denied.tools,
    after: n > 0 ? `. A person approves each call of the ${n === 1 ? 'tool' : `${n} tools`} where the flow ends.` : '.',
  };
}
