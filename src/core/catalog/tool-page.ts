import { abusePatterns, type AbusePattern } from './abuse.ts';
import { toolFaq } from './faq.ts';
import type { CatalogServer, CatalogTool } from './build-catalog.ts';
import { describeRule, policyDocument, recommendRule } from '../policy/recommend.ts';
import { flowPolicy, type PolicyTool } from '../flows/break-policy.ts';
import { flowRoles, type RoleEvidence } from '../flows/roles.ts';
import type { Policy, Rule } from '../policy/schema.ts';
import type { FaqEntry } from '../schema/server.ts';
import { descriptionBlocks, summarize, type Block } from '../text/description-blocks.ts';
import { LEVEL_LABELS } from '../risk.ts';

export interface ToolPage {
  title: string;
  metaDescription: string;
  descriptionBlocks: Block[];
  rule: Rule;
  /** The recommended policy document, and the same as the text the page shows. */
  policy: Policy;
  policyJson: string;
  policySentence: string;
  abuse: AbusePattern[];
  faq: FaqEntry[];
}

export function toolRule(tool: CatalogTool): Rule {
  return recommendRule(tool.name, tool.classification, tool.parameters, tool.definition.overrides?.policy);
}

/** Everything a tool page shows beyond the catalog entry, computed when the page renders. */
export function toolPage(tool: CatalogTool): ToolPage {
  const rule = toolRule(tool);
  const policy = policyDocument({ [tool.name]: rule });
  const summary = summarize(tool.definition.description) || `${tool.name}, a tool of the ${tool.server.meta.name}.`;
  return {
    title: `${tool.name} (${tool.server.meta.name})`,
    metaDescription: `${LEVEL_LABELS[tool.classification.level]} risk: ${summary}`,
    descriptionBlocks: tool.definition.description ? descriptionBlocks(tool.definition.description) : [],
    rule,
    policy,
    policyJson: policyText(policy),
    policySentence: describeRule(tool.name, rule),
    abuse: abusePatterns(tool.classification),
    faq: toolFaq(tool, rule),
  };
}

/** A policy as pages show, copy and download it. */
export const policyText = (policy: Policy) => JSON.stringify(policy, null, 2);

// A server page, its flows.json and its policy all read a tool's roles: work them out once.
const rolesOfTool = new WeakMap<CatalogTool, RoleEvidence[]>();
export function toolRoles(tool: CatalogTool): RoleEvidence[] {
  let roles = rolesOfTool.get(tool);
  if (!roles) rolesOfTool.set(tool, (roles = flowRoles(tool)));
  return roles;
}

/** A tool as flows and their policies see it: its server, roles and recommended rule. */
export const flowTool = (tool: CatalogTool): PolicyTool => ({
  server: tool.server.slug,
  name: tool.name,
  roles: toolRoles(tool).map((evidence) => evidence.role),
  rule: toolRule(tool),
});

/** One policy for a whole server: every tool's rule, a cap on all calls together, and the server's toxic flows broken. */
export function serverPolicy(server: CatalogServer): Policy {
  return flowPolicy(server.tools.map(flowTool)).policy;
}

export const serverPolicyJson = (server: CatalogServer): string => policyText(serverPolicy(server));
