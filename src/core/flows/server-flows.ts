/** What the site shows and publishes about a server's toxic flows: the page's section, its flows.json, the stack page's name list. */
import type { Catalog, CatalogServer } from '../catalog/build-catalog.ts';
import { flowTool, toolRoles } from './catalog-flows.ts';
import type { Policy, Rule } from '../policy/schema.ts';
import { flowPolicy, type FlowBreak, type FlowPolicy } from './break-policy.ts';
import { flowDiagram, type FlowDiagram } from './diagram.ts';
import { findFlows, type Flow } from './flows.ts';
import type { FlowRole } from './role-kinds.ts';
import type { RoleEvidence } from './roles.ts';

export interface ServerFlows {
  flows: Flow[];
  breaks: FlowBreak[];
  /** The server policy (as serverPolicy makes it): every tool's rule, its flows broken by approval where they end. */
  policy: Policy;
  /** The strict server policy: each flow's smallest leg denied too (the same as `policy` without flows). */
  strict: FlowPolicy;
  diagram?: FlowDiagram;
  /** Why each tool on a leg is there, by tool name. */
  evidence: Map<string, RoleEvidence[]>;
}

export function serverFlows(server: CatalogServer): ServerFlows {
  const tools = server.tools.map(flowTool);
  const flows = findFlows(tools);
  const evidence = new Map(server.tools.filter((tool) => toolRoles(tool).length > 0).map((tool) => [tool.name, toolRoles(tool)]));
  const diagram = flowDiagram(flows, server.meta.name);
  const { policy, breaks } = flowPolicy(tools, flows);
  const strict = flowPolicy(tools, flows, { strict: true });
  return { flows, breaks, policy, strict, ...(diagram ? { diagram } : {}), evidence };
}

/** One tool in a server's flows.json: its name, its roles (left out when none) and its recommended rule. */
export interface FlowsRecordTool {
  name: string;
  roles?: FlowRole[];
  rule: Rule;
}

/** `/servers/<slug>/flows.json`: what the stack page needs of one server. It holds only this server's data, as its pages do. */
export interface FlowsRecord {
  slug: string;
  name: string;
  tools: FlowsRecordTool[];
}

export function serverFlowsRecord(server: CatalogServer): FlowsRecord {
  return {
    slug: server.slug,
    name: server.meta.name,
    tools: server.tools.map(flowTool).map(({ name, roles, rule }) => ({ name, ...(roles.length > 0 ? { roles: [...roles] } : {}), rule })),
  };
}

/** `/stack/servers.json`: every server as [slug, name], for the stack page's type-ahead. */
export const stackServerList = (catalog: Catalog): [string, string][] => catalog.servers.map((server) => [server.slug, server.meta.name]);
