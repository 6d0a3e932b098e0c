import { listParameters, type Parameter } from '../input-schema/parameters.ts';
import { changedFields, sameJson, type DefinitionField } from './definition-hash.ts';
import type { Tool } from '../schema/server.ts';
import type { Definition } from './definition.ts';
import { rugPullFlags, type RugPullFlag } from './rug-pull.ts';
import { DIFF_BUDGET, DiffBudget, wordDiff, type TextPart } from './text-diff.ts';

export interface ParameterSummary {
  path: string;
  type: string;
  required: boolean;
}

export interface ParameterChanges {
  added: ParameterSummary[];
  removed: ParameterSummary[];
  retyped: { path: string; before: string; after: string }[];
  madeRequired: string[];
  madeOptional: string[];
  /** The parameter's own description, word by word. */
  reworded: { path: string; parts: TextPart[] }[];
  /** Allowed values or the default changed. */
  revalued: string[];
}

/** An annotation whose value differs; `undefined` is "not given". */
export interface AnnotationChange {
  key: string;
  before?: unknown;
  after?: unknown;
}

/** What changed between two definitions of one tool, and which changes look like a rug pull. */
export interface DefinitionDiff {
  fields: DefinitionField[];
  title?: { before?: string; after?: string };
  description?: TextPart[];
  parameters: ParameterChanges;
  /** The input schema changed in a way the parameter list does not show (deeper levels, constraints). */
  inputSchemaOtherwise: boolean;
  outputSchemaChanged: boolean;
  annotations: AnnotationChange[];
  flags: RugPullFlag[];
}

export type { Definition } from './definition.ts';

const summary = (p: Parameter): ParameterSummary => ({ path: p.path, type: p.type, required: p.required });

function parameterChanges(before: readonly Parameter[], after: readonly Parameter[], budget: DiffBudget): ParameterChanges {
  const old = new Map(before.map((p) => [p.path, p]));
  const now = new Map(after.map((p) => [p.path, p]));
  const changes: ParameterChanges = { added: [], removed: [], retyped: [], madeRequired: [], madeOptional: [], reworded: [], revalued: [] };
  for (const p of after) {
    const was = old.get(p.path);
    if (!was) {
      changes.added.push(summary(p));
      continue;
    }
    if (was.type !== p.type) changes.retyped.push({ path: p.path, before: was.type, after: p.type });
    if (!was.required && p.required) changes.madeRequired.push(p.path);
    if (was.required && !p.required) changes.madeOptional.push(p.path);
    if ((was.description ?? '') !== (p.description ?? '')) changes.reworded.push({ path: p.path, parts: wordDiff(was.description, p.description, budget) });
    if (!sameJson([was.enumValues, was.defaultValue], [p.enumValues, p.defaultValue])) changes.revalued.push(p.path);
  }
  for (const p of before) if (!now.has(p.path)) changes.removed.push(summary(p));
  return changes;
}

const countParameterChanges = (c: ParameterChanges) =>
  c.added.length + c.removed.length + c.retyped.length + c.madeRequired.length + c.madeOptional.length + c.reworded.length + c.revalued.length;

function annotationChanges(before: Tool['annotations'] = {}, after: Tool['annotations'] = {}): AnnotationChange[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const a = before as Record<string, unknown>;
  const b = after as Record<string, unknown>;
  return keys
    .filter((key) => !sameJson(a[key], b[key]))
    .map((key) => ({ key, ...(a[key] !== undefined ? { before: a[key] } : {}), ...(b[key] !== undefined ? { after: b[key] } : {}) }));
}

/**
 * Compares two definitions of one tool: texts word by word (while `budget` lasts; share one across
 * the diffs of a page, feed or check), parameters by path (nested), annotations by key.
 */
export function diffDefinitions(before: Definition, after: Definition, budget = new DiffBudget(DIFF_BUDGET.page)): DefinitionDiff {
  const fields = changedFields(before, after);
  const oldParameters = listParameters(before.inputSchema);
  const newParameters = listParameters(after.inputSchema);
  const parameters = fields.includes('inputSchema') ? parameterChanges(oldParameters, newParameters, budget) : parameterChanges([], [], budget);
  return {
    fields,
    ...(fields.includes('title')
      ? { title: { ...(before.title !== undefined ? { before: before.title } : {}), ...(after.title !== undefined ? { after: after.title } : {}) } }
      : {}),
    ...(fields.includes('description') ? { description: wordDiff(before.description, after.description, budget) } : {}),
    parameters,
    inputSchemaOtherwise: fields.includes('inputSchema') && countParameterChanges(parameters) === 0,
    outputSchemaChanged: fields.includes('outputSchema'),
    annotations: fields.includes('annotations') ? annotationChanges(before.annotations, after.annotations) : [],
    flags: fields.length > 0 ? rugPullFlags(before, after, parameters.added, newParameters) : [],
  };
}
