/**
 * A policy that breaks toxic flows. By default one cut: where a flow ends (a send, a deletion) a
 * person approves each call, and the reads stay allowed under their limits. The strict cut also
 * denies each flow's leg with the fewest tools, so the flow cannot run even with approval.
 */
import { isPattern } from '../policy/glob.ts';
import { SERVER_CALLS_PER_MINUTE, policyDocument } from '../catalog/recommend.ts';
import type { Policy, Rule } from '../policy/schema.ts';
import { FLOW_ENDPOINT, FLOW_TITLES, findFlows, type Flow, type FlowKind, type FlowLeg, type FlowTool } from './flows.ts';
import type { FlowRole } from './role-kinds.ts';

/** A tool with its recommended rule. */
export interface PolicyTool extends FlowTool {
  rule: Rule;
}

/** How one flow is broken: which leg is denied (tool names), if any, and which endpoint tools need approval. */
export interface FlowBreak {
  kind: FlowKind;
  /** The denied leg: by the tools' own rules (`alreadyDenied`), or by the strict cut. */
  denied?: { role: FlowRole; tools: string[] };
  /** The leg was denied before this flow was looked at (by the tools' own rules, or by a strict cut for an earlier flow). */
  alreadyDenied: boolean;
  approved: string[];
}

/** `strict` denies each flow's smallest leg as well as putting its endpoint under approval. */
export interface FlowPolicyOptions {
  strict?: boolean;
}

export interface FlowPolicy {
  policy: Policy;
  breaks: FlowBreak[];
}

const STRICTNESS: Record<NonNullable<Rule['action']>, number> = { allow: 0, require_approval: 1, deny: 2 };
/** 0 allow, 1 approval, 2 deny; a name a policy leaves out is denied by its default. */
export const strictness = (rule: Rule | undefined) => (rule === undefined ? 2 : STRICTNESS[rule.action ?? 'allow']);
// On a tie, deny where an attack starts, and keep the endpoint usable under approval.
const CUT_PREFERENCE: readonly FlowRole[] = ['untrusted', 'private', 'destroys', 'sink'];

export const ROLE_PHRASES: Record<FlowRole, string> = {
  private: 'reads private data',
  untrusted: 'takes in content that others write',
  sink: 'sends outside',
  destroys: 'deletes or overwrites',
};

const legNames = (leg: FlowLeg) => [...new Set(leg.tools.map((tool) => tool.name))];

/**
 * One policy for a set of tools (a server, or a stack of servers) that breaks every flow they make:
 * the recommended rules, then for each flow whose legs the rules do not already deny, the flow's
 * endpoint tools need a person's approval (keeping their limits); with `strict`, the leg with the
 * fewest tools still allowed is denied as well. A rule only ever gets stricter. A name shared by
 * several tools gets the strictest of their rules; a name with `*` is left out (as a key it would be
 * a pattern over other tools' names), so the default denies it.
 */
export function flowPolicy(tools: readonly PolicyTool[], flows: readonly Flow[] = findFlows(tools), options: FlowPolicyOptions = {}): FlowPolicy {
  const rules = new Map<string, Rule>();
  for (const tool of tools) {
    if (isPattern(tool.name)) continue;
    const current = rules.get(tool.name);
    if (!current || strictness(tool.rule) > strictness(current)) rules.set(tool.name, tool.rule);
  }
  // A left-out name is denied by the default.
  const deniedIn = (map: ReadonlyMap<string, Rule>) => (name: string) => {
    const rule = map.get(name);
    return rule === undefined || rule.action === 'deny';
  };
  const deniedByOwnRules = deniedIn(new Map(rules));
  const denied = deniedIn(rules);
  const breaks = flows.map((flow): FlowBreak => {
    const title = FLOW_TITLES[flow.kind];
    // The tools' own rules already break it: nothing to add.
    const ownDeniedLeg = flow.legs.find((leg) => legNames(leg).every(deniedByOwnRules));
    if (ownDeniedLeg) return { kind: flow.kind, denied: { role: ownDeniedLeg.role, tools: legNames(ownDeniedLeg) }, alreadyDenied: true, approved: [] };
    let cut: FlowLeg | undefined;
    let alreadyDenied = false;
    if (options.strict) {
      // A cut made for an earlier flow may break this one too (the trifecta shares legs with the others).
      cut = flow.legs.find((leg) => legNames(leg).every(denied));
      alreadyDenied = cut !== undefined;
      const allowedCount = (leg: FlowLeg) => legNames(leg).filter((name) => !denied(name)).length;
      cut ??= [...flow.legs].sort((a, b) => allowedCount(a) - allowedCount(b) || CUT_PREFERENCE.indexOf(a.role) - CUT_PREFERENCE.indexOf(b.role))[0]!;
      for (const name of legNames(cut).filter((n) => !denied(n))) {
        rules.set(name, { action: 'deny', reason: `Breaks a toxic flow (${title}): it ${ROLE_PHRASES[cut.role]}, the flow's leg with the fewest tools.` });
      }
    }
    const endpoint = flow.legs.find((leg) => leg.role === FLOW_ENDPOINT[flow.kind])!;
    const approved: string[] = [];
    for (const name of legNames(endpoint).filter((n) => !denied(n))) {
      const { action: _action, reason: _reason, ...rest } = rules.get(name)!;
      if (rules.get(name)!.action !== 'require_approval') {
        rules.set(name, {
          action: 'require_approval',
          reason: `A person approves each call: it ${ROLE_PHRASES[endpoint.role]}, where a toxic flow (${title}) ends.`,
          ...rest,
        });
      }
      approved.push(name);
    }
    return { kind: flow.kind, ...(cut ? { denied: { role: cut.role, tools: legNames(cut) } } : {}), alreadyDenied, approved };
  });
  return { policy: policyDocument(Object.fromEntries(rules), SERVER_CALLS_PER_MINUTE), breaks };
}

/** The tools the strict policy denies and the default one does not: what a reader gives up by choosing it. */
export function strictOnlyDenials(policy: Policy, strict: Policy): string[] {
  const tools = policy.tools ?? {};
  return Object.entries(strict.tools ?? {})
    .filter(([name, rule]) => rule.action === 'deny' && tools[name]?.action !== 'deny')
    .map(([name]) => name);
}

const ROLE_PLURALS: Record<FlowRole, string> = {
  private: 'read private data',
  untrusted: 'take in content that others write',
  sink: 'send outside',
  destroys: 'delete or overwrite',
};

/** How a page says a flow is broken: words, the tools to show as code (denied, else approved), more words. */
export function breakWords(b: FlowBreak): { before: string; tools: string[]; after: string } {
  const n = b.approved.length;
  if (!b.denied) return { before: 'Broken where it ends: a person approves each call of ', tools: b.approved, after: '.' };
  const leg = ROLE_PLURALS[b.denied.role];
  return {
    before: b.alreadyDenied
      ? `Already broken: the policy denies the tools that ${leg}, `
      : `Broken by denying the leg with the fewest tools, those that ${leg}: `,
    tools: b.denied.tools,
    after: n > 0 ? `. A person approves each call of the ${n === 1 ? 'tool' : `${n} tools`} where the flow ends.` : '.',
  };
}
