import { abusePatterns, type AbusePattern } from './abuse.ts';
import { toolFaq } from './faq.ts';
import type { CatalogTool } from './build-catalog.ts';
import { categoryPath, levelPath, SERVERS_PATH, serverPagePath, toolPagePath } from './paths.ts';
import { relatedTools, type RelatedIndex } from './related.ts';
import { checkAnnotations, type AnnotationCheck } from '../classify/annotation-check.ts';
import { toolHistory, type ToolHistory } from '../history/catalog-changes.ts';
import { toolChanges, type ToolChange } from '../history/tool-history.ts';
import { describeRule } from '../policy/describe.ts';
import { policyDocument, recommendRule } from './recommend.ts';
import type { Policy, Rule } from '../policy/schema.ts';
import type { FaqEntry } from '../schema/server.ts';
import { descriptionBlocks, summarize, type Block } from '../text/description-blocks.ts';
import { CATEGORY_LABELS, isLowConfidence, LEVEL_LABELS, SIGNAL_LABELS, type Signal } from '../risk.ts';

interface Link {
  label: string;
  path: string;
}

export interface ToolPage {
  title: string;
  metaDescription: string;
  path: string;
  trail: { label: string; path?: string }[];
  serverPath: string;
  level: Link;
  category: Link;
  /** The rating's confidence, in whole percent. */
  confidencePercent: number;
  lowConfidence: boolean;
  signals: { id: Signal; label: string }[];
  history: ToolHistory;
  /** Stored definition changes, newest first. */
  changes: ToolChange[];
  annotationCheck: AnnotationCheck;
  descriptionBlocks: Block[];
  rule: Rule;
  /** The recommended policy document, and the same as the text the page shows. */
  policy: Policy;
  policyJson: string;
  policySentence: string;
  abuse: AbusePattern[];
  faq: FaqEntry[];
  related: CatalogTool[];
}

export function toolRule(tool: CatalogTool): Rule {
  return recommendRule(tool.name, tool.classification, tool.parameters, tool.definition.overrides?.policy);
}

/** Everything a tool page shows beyond the catalog entry, computed when the page renders. */
export function toolPage(tool: CatalogTool, relatedIndex: RelatedIndex): ToolPage {
  const { classification: c, server } = tool;
  const rule = toolRule(tool);
  const policy = policyDocument({ [tool.name]: rule });
  const summary = summarize(tool.definition.description) || `${tool.name}, a tool of the ${server.meta.name}.`;
  return {
    title: `${tool.name} (${server.meta.name})`,
    metaDescription: `${LEVEL_LABELS[c.level]} risk: ${summary}`,
    path: toolPagePath(tool),
    trail: [{ label: 'Home', path: '/' }, { label: 'Servers', path: SERVERS_PATH }, { label: server.meta.name, path: serverPagePath(server) }, { label: tool.name }],
    serverPath: serverPagePath(server),
    level: { label: LEVEL_LABELS[c.level], path: levelPath(c.level) },
    category: { label: CATEGORY_LABELS[c.category], path: categoryPath(c.category) },
    confidencePercent: Math.round(c.confidence * 100),
    lowConfidence: isLowConfidence(c.confidence),
    signals: c.signals.map((id) => ({ id, label: SIGNAL_LABELS[id] })),
    history: toolHistory(tool),
    changes: toolChanges(tool.definition),
    annotationCheck: checkAnnotations(tool),
    descriptionBlocks: tool.definition.description ? descriptionBlocks(tool.definition.description) : [],
    rule,
    policy,
    policyJson: policyText(policy),
    policySentence: describeRule(tool.name, rule),
    abuse: abusePatterns(c),
    faq: toolFaq(tool, rule),
    related: relatedTools(tool, relatedIndex),
  };
}

/** A policy as pages show, copy and download it. */
export const policyText = (policy: Policy) => JSON.stringify(policy, null, 2);
