import { createHash } from 'node:crypto';

/** The parts of a tool that define it; editorial and import fields stay out so they never count as a change. */
export const DEFINITION_FIELDS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;
export type DefinitionField = (typeof DEFINITION_FIELDS)[number];

/** JSON with object keys sorted at every depth, so key order never changes a hash; `undefined` is dropped as JSON.stringify does. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.keys(value)
    .sort()
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
  return `{${entries.join(',')}}`;
}

function definition(tool: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(DEFINITION_FIELDS.map((field) => [field, tool[field]]));
}

/** sha256 of the canonical definition, first 12 hex digits: short in diffs, and collisions within one server are out of reach. */
export function toolHash(tool: Readonly<Record<string, unknown>>): string {
  return createHash('sha256').update(canonicalJson(definition(tool))).digest('hex').slice(0, 12);
}

/** The definition fields that differ between two versions of a tool. */
export function changedFields(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): DefinitionField[] {
  return DEFINITION_FIELDS.filter((field) => canonicalJson(before[field]) !== canonicalJson(after[field]));
}
