/** Toxic flows: combinations of flow roles, within one server or across a stack of servers, that let an agent do harm. */
import { FLOW_ROLES, type FlowRole } from './role-kinds.ts';

export const FLOW_KINDS = ['exfiltration', 'injection', 'trifecta'] as const;
export type FlowKind = (typeof FLOW_KINDS)[number];

/** The legs of each flow, in the order the flow runs. */
export const FLOW_LEGS: Record<FlowKind, readonly FlowRole[]> = {
  exfiltration: ['private', 'sink'],
  injection: ['untrusted', 'destroys'],
  trifecta: ['untrusted', 'private', 'sink'],
};

/** Where each flow does its harm: the leg that gets approval in a breaking policy. */
export const FLOW_ENDPOINT: Record<FlowKind, FlowRole> = { exfiltration: 'sink', injection: 'destroys', trifecta: 'sink' };

export const FLOW_TITLES: Record<FlowKind, string> = {
  exfiltration: 'Private data → outside',
  injection: 'Untrusted content → destruction',
  trifecta: 'The lethal trifecta',
};

export const FLOW_SUMMARIES: Record<FlowKind, string> = {
  exfiltration: 'An agent can read private data with one tool and send it out with another.',
  injection: 'Content that others wrote can tell the agent to delete or overwrite.',
  trifecta: 'Content that others wrote can tell the agent to read private data and send it out: all three legs are here.',
};

/** A tool as flows see it: where it comes from and the roles it plays. */
export interface FlowTool {
  /** The server's slug. */
  server: string;
  name: string;
  roles: readonly FlowRole[];
}

export interface FlowLeg<T extends FlowTool = FlowTool> {
  role: FlowRole;
  tools: T[];
}

export interface Flow<T extends FlowTool = FlowTool> {
  kind: FlowKind;
  legs: FlowLeg<T>[];
}

/** The tools on each leg, in the order given. */
export function toolsByRole<T extends FlowTool>(tools: readonly T[]): Record<FlowRole, T[]> {
  const byRole = Object.fromEntries(FLOW_ROLES.map((role) => [role, [] as T[]])) as Record<FlowRole, T[]>;
  for (const tool of tools) for (const role of new Set(tool.roles)) byRole[role].push(tool);
  return byRole;
}

/** The flows a set of tools makes possible, in FLOW_KINDS order: a flow needs at least one tool on each of its legs. */
export function findFlows<T extends FlowTool>(tools: readonly T[]): Flow<T>[] {
  const byRole = toolsByRole(tools);
  return FLOW_KINDS.filter((kind) => FLOW_LEGS[kind].every((role) => byRole[role].length > 0)).map((kind) => ({
    kind,
    legs: FLOW_LEGS[kind].map((role) => ({ role, tools: byRole[role] })),
  }));
}
