import type { FaqEntry, Tool } from '../schema/server.ts';
import type { Rule } from '../policy/schema.ts';
import { describeLimit } from '../policy/describe.ts';
import { isPattern } from '../policy/glob.ts';
import { checkAnnotations, declaredHints } from '../classify/annotation-check.ts';
import { ratingReasons } from '../classify/classify-tool.ts';
import { CATEGORY_LABELS, LEVEL_LABELS, SIGNAL_LABELS, isLowConfidence } from '../risk.ts';
import { summarize } from '../text/description-blocks.ts';
import type { CatalogTool } from './build-catalog.ts';
import type { LoadedDefinition } from './load-definition.ts';
import type { Classification } from '../classify/classify-tool.ts';
import { unnamedInput } from '../input-schema/parameters.ts';
import { sameCategoryTools } from './same-category.ts';
import { shownToolName } from './tool-names.ts';

const list = (items: readonly string[]) => (items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`);

function whatItDoes(tool: CatalogTool, definition: Tool): string {
  const summary = summarize(definition.description, 400);
  if (summary) return `${summary} (as the ${tool.server.meta.name} describes it)`;
  const verb = tool.classification.evidence.find((e) => e.kind === 'category' && e.source === 'name');
  return verb
    ? `The ${tool.server.meta.name} publishes no description for ${tool.name}. Its name suggests a ${CATEGORY_LABELS[tool.classification.category].toLowerCase()} operation (${verb.detail}), but nothing confirms it.`
    : `The ${tool.server.meta.name} publishes no description for ${tool.name}, and its name does not say what it does. Test it in a sandbox before you allow it.`;
}

function howRisky(tool: CatalogTool, definition: Tool): string {
  const c = tool.classification;
  const signalText = c.signals.length ? ` Signals: ${list(c.signals.map((s) => SIGNAL_LABELS[s].toLowerCase()))}.` : '';
  const reasons = ratingReasons(c);
  const why = c.overridden
    ? ` ${c.rationale}`
    : reasons.length
      ? ` Why: ${reasons.join('; ')}.`
      : ' Nothing in its definition says what it does, so the rating leans to caution.';
  const settle = isLowConfidence(c.confidence)
    ? ` The confidence is low, so the rating leans to caution; ${list(whatWouldSettle({ definition, classification: c }))} would settle it.`
    : '';
  return `${LEVEL_LABELS[c.level]} risk, category ${CATEGORY_LABELS[c.category].toLowerCase()}, with ${Math.round(c.confidence * 100)}% confidence.${why}${signalText}${settle}`;
}

/** The evidence a low-confidence rating lacks, as things the server's authors could publish. */
export function whatWouldSettle(tool: { definition: Tool; classification: Classification }): string[] {
  const { definition, classification: c } = tool;
  const missing: string[] = [];
  const backed = c.evidence.some((e) => e.source === 'description' && e.kind === 'confidence' && e.direction === 'up');
  if (!definition.description?.trim()) missing.push('a description that says what the tool does');
  else if (!backed) missing.push('a clearer description, opening with what the tool does (such as "Lists…" or "Deletes…")');
  const properties = definition.inputSchema?.properties;
  if (!properties || typeof properties !== 'object' || Object.keys(properties).length === 0) missing.push('an input schema that names its parameters');
  if (Object.keys(declaredHints(definition.annotations)).length === 0) missing.push("annotations from the server's authors (readOnlyHint, destructiveHint)");
  return missing;
}

function parametersAnswer(tool: CatalogTool, { definition, parameters }: LoadedDefinition): string {
  const top = parameters.filter((p) => !p.path.includes('.'));
  if (top.length === 0) {
    const other = unnamedInput(definition.inputSchema);
    return other ? `${tool.name} names no parameters, but its input schema accepts ${other}.` : `${tool.name} takes no input parameters.`;
  }
  const required = top.filter((p) => p.required).map((p) => `${p.path} (${p.type})`);
  const optional = top.filter((p) => !p.required).map((p) => p.path);
  const parts = [required.length ? `required: ${list(required)}` : 'no required parameters', optional.length ? `optional: ${list(optional)}` : ''];
  return `${tool.name} takes ${top.length} parameter${top.length === 1 ? '' : 's'}; ${parts.filter(Boolean).join('; ')}.`;
}

/** A name with `*` is a pattern as a key, a hide entry or a limit's rule: no answer may tell the reader to write it. */
const unnamable = (tool: CatalogTool): string | undefined =>
  isPattern(tool.name)
    ? `Its name holds a *, which a policy reads as a wildcard: a rule, limit or hide entry under "${tool.name}" would also match other tools. The recommended policy names no rule for it, so its default denies every call.`
    : undefined;

function rateLimitAnswer(tool: CatalogTool, rule: Rule): string {
  const limits = rule.limits ?? [];
  // A tool the policy caps already has its limit entry in the snippet above: the answer names it
  // rather than writing it out again (every sentence here is on the page twice, with its JSON-LD).
  if (limits.length) {
    return `The recommended policy already caps it at ${list(limits.map(describeLimit))}. To change the cap, edit "max" or "window" of its limit "${limits[0]!.counter}"; calls beyond max in a window are refused until the window resets.`;
  }
  const head = rule.action === 'deny' ? `The recommended policy denies it outright; if you allow it, cap it too.` : `The recommended policy sets no cap.`;
  return `${head} A limit is a rule entry such as "${tool.name}": { "limits": [ { "counter": "${tool.name}_rate", "window": "minute", "max": 10, "scope": "grant" } ] }; calls beyond max in a window are refused until the window resets.`;
}

function blockAnswer(tool: CatalogTool, rule: Rule): string {
  const already =
    rule.action === 'deny'
      ? `The recommended policy already refuses every call to ${tool.name}.`
      : rule.action === 'require_approval'
        ? `The recommended policy lets it run only with a person's approval.`
        : `The recommended policy allows it under a cap.`;
  const siblings = sameCategoryTools(tool).length - 1;
  const pattern =
    siblings > 0
      ? ` To block it together with the ${siblings} other ${tool.classification.category} tool${siblings === 1 ? '' : 's'} of its server, list each name: a pattern such as "${tool.name.slice(0, Math.max(1, tool.name.search(/[_.\-A-Z]/) + 1))}*" matches names only and may catch others.`
      : '';
  return `${already} To hide it from agents, add "${tool.name}" to the policy's "hide" list; to keep it listed but refuse its calls, set its "action" to "deny".${pattern}`;
}

function serverAnswer(tool: CatalogTool): string {
  const meta = tool.server.meta;
  const pkg = meta.package ? ` It is distributed as the ${meta.package.registry ? `${meta.package.registry} ` : ''}package ${meta.package.name}.` : '';
  const transport = meta.transport?.length ? ` It speaks MCP over ${list(meta.transport)}.` : '';
  return `${meta.name}, which lists ${tool.server.tools.length} tool${tool.server.tools.length === 1 ? '' : 's'} in this catalog.${pkg}${transport}`;
}

function changesAnswer(tool: CatalogTool, definition: Tool): string | undefined {
  const hint = definition.annotations?.readOnlyHint;
  if (hint === undefined) return undefined;
  const claims = `Its server ${hint ? 'says it only reads' : 'says it may change things'} (readOnlyHint: ${hint}).`;
  const check = checkAnnotations({ definition, classification: tool.classification });
  if (check.appears === 'other') return `${claims} Its definition alone does not show whether it does.`;
  if (!check.disagreements.some((d) => d.hint === 'readOnlyHint')) return `${claims} The classifier agrees.`;
  return hint
    ? `${claims} The classifier reads it as ${CATEGORY_LABELS[check.appears].toLowerCase()} and keeps the worse reading, because annotations are hints from a server you do not control.`
    : `${claims} Its definition reads like a read, but the rating keeps the worse reading its server declares.`;
}

/** FAQ entries written from the tool's own facts, then the editors' entries. */
export function toolFaq(tool: CatalogTool, loaded: LoadedDefinition, rule: Rule): FaqEntry[] {
  const { definition } = loaded;
  const shown = shownToolName(tool.name);
  const entries: FaqEntry[] = [
    { question: `What does ${shown} do?`, answer: whatItDoes(tool, definition) },
    { question: `How risky is ${shown}?`, answer: howRisky(tool, definition) },
    { question: `Which server provides ${shown}?`, answer: serverAnswer(tool) },
    { question: `What parameters does ${shown} take?`, answer: parametersAnswer(tool, loaded) },
    { question: `How do I rate-limit ${shown}?`, answer: unnamable(tool) ?? rateLimitAnswer(tool, rule) },
    { question: `How do I block ${shown}?`, answer: unnamable(tool) ?? blockAnswer(tool, rule) },
  ];
  const changes = changesAnswer(tool, definition);
  if (changes) entries.splice(2, 0, { question: `Does ${shown} change anything?`, answer: changes });
  return [...entries, ...(definition.overrides?.faq ?? [])];
}
