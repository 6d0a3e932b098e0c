import type { CatalogServer, CatalogTool } from '../catalog/build-catalog.ts';
import { loadDefinition, type LoadedDefinition } from '../catalog/load-definition.ts';
import { policyText, toolRule } from '../catalog/tool-page.ts';
import type { Policy } from '../policy/schema.ts';
import { flowPolicy, type FlowPolicyOptions, type PolicyTool } from './break-policy.ts';
import { flowRoles, type RoleEvidence } from './roles.ts';

// A server page, its flows.json and its policy all read a tool's roles: work them out once.
const rolesOfTool = new WeakMap<CatalogTool, RoleEvidence[]>();
export function toolRoles(tool: CatalogTool, loaded?: LoadedDefinition): RoleEvidence[] {
  let roles = rolesOfTool.get(tool);
  if (!roles) rolesOfTool.set(tool, (roles = flowRoles({ ...(loaded ?? loadDefinition(tool)), classification: tool.classification })));
  return roles;
}

/** A tool as flows and their policies see it: its server, roles and recommended rule. */
export function flowTool(tool: CatalogTool): PolicyTool {
  const loaded = loadDefinition(tool);
  return { server: tool.server.slug, name: tool.name, roles: toolRoles(tool, loaded).map((evidence) => evidence.role), rule: toolRule(tool, loaded) };
}

/** One policy for a whole server: every tool's rule, a cap on all calls together, and the server's toxic flows broken. */
export function serverPolicy(server: CatalogServer, options: FlowPolicyOptions = {}): Policy {
  return flowPolicy(server.tools.map(flowTool), undefined, options).policy;
}

export const serverPolicyJson = (server: CatalogServer): string => policyText(serverPolicy(server));
