import { abusePatterns, type AbusePattern } from './abuse.ts';
import { toolFaq } from './faq.ts';
import type { CatalogTool } from './build-catalog.ts';
import type { LoadedDefinition } from './load-definition.ts';
import { describeRule } from '../policy/describe.ts';
import { recommendRule, toolPolicy, unnamableToolReason } from './recommend.ts';
import type { Policy, Rule } from '../policy/schema.ts';
import type { FaqEntry } from '../schema/server.ts';
import { descriptionBlocks, summarize, type Block } from '../text/description-blocks.ts';
import { LEVEL_LABELS } from '../risk.ts';
import { shownToolName } from './tool-names.ts';

export interface ToolPage {
  title: string;
  metaDescription: string;
  descriptionBlocks: Block[];
  rule: Rule;
  /** The recommended policy document, and the same as the text the page shows. */
  policy: Policy;
  policyJson: string;
  policySentence: string;
  /** False when the policy can name no rule for the tool (see unnamableToolReason). */
  namesTool: boolean;
  abuse: AbusePattern[];
  faq: FaqEntry[];
}

export function toolRule(tool: CatalogTool, { definition, parameters }: LoadedDefinition): Rule {
  return recommendRule(tool.name, tool.classification, parameters, definition.overrides?.policy);
}

/** Everything a tool page shows beyond the catalog entry, computed when the page renders from the tool's `loadDefinition`. */
export function toolPage(tool: CatalogTool, loaded: LoadedDefinition): ToolPage {
  const { definition } = loaded;
  const rule = toolRule(tool, loaded);
  const policy = toolPolicy(tool.name, rule);
  const unnamable = unnamableToolReason(tool.name);
  const summary = summarize(definition.description) || `${tool.name}, a tool of the ${tool.server.meta.name}.`;
  return {
    title: `${shownToolName(tool.name)} (${tool.server.meta.name})`,
    metaDescription: `${LEVEL_LABELS[tool.classification.level]} risk: ${summary}`,
    descriptionBlocks: definition.description ? descriptionBlocks(definition.description) : [],
    rule,
    policy,
    policyJson: policyText(policy),
    policySentence: unnamable ?? describeRule(tool.name, rule),
    namesTool: unnamable === undefined,
    abuse: abusePatterns(tool.classification),
    faq: toolFaq(tool, loaded, rule),
  };
}

/** A policy as pages show, copy and download it. */
export const policyText = (policy: Policy) => JSON.stringify(policy, null, 2);
