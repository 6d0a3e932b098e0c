import { createHash } from 'node:crypto';

/** The parts of a tool that define it; editorial and import fields stay out so they never count as a change. */
export const DEFINITION_FIELDS = ['name', 'title', 'description', 'inputSchema', 'outputSchema', 'annotations'] as const;
export type DefinitionField = (typeof DEFINITION_FIELDS)[number];

/**
 * JSON with object keys sorted at every depth, so key order never changes a hash; `undefined` is dropped
 * as JSON.stringify does. It walks with its own stack: a server's schema may nest deeper than recursion goes.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Either a value still to write or literal text; popped in order, so children are pushed reversed.
  const stack: ({ text: string } | { value: unknown })[] = [{ value }];
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const current = item.value;
    if (current === null || typeof current !== 'object') {
      out.push(JSON.stringify(current) ?? 'null');
      continue;
    }
    const parts: ({ text: string } | { value: unknown })[] = [];
    if (Array.isArray(current)) {
      current.forEach((element, index) => {
        if (index > 0) parts.push({ text: ',' });
        parts.push(element === undefined ? { text: 'null' } : { value: element });
      });
      stack.push({ text: ']' }, ...parts.reverse(), { text: '[' });
    } else {
      const record = current as Record<string, unknown>;
      Object.keys(record)
        .sort()
        .filter((key) => record[key] !== undefined)
        .forEach((key, index) => parts.push({ text: `${index > 0 ? ',' : ''}${JSON.stringify(key)}:` }, { value: record[key] }));
      stack.push({ text: '}' }, ...parts.reverse(), { text: '{' });
    }
  }
  return out.join('');
}

function definition(tool: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(DEFINITION_FIELDS.map((field) => [field, tool[field]]));
}

/** sha256 of the canonical definition, first 12 hex digits: short in diffs, and collisions within one server are out of reach. */
export function toolHash(tool: Readonly<Record<string, unknown>>): string {
  return createHash('sha256')
    .update(canonicalJson(definition(tool)))
    .digest('hex')
    .slice(0, 12);
}

const isRecord = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value);
const definedKeys = (record: Record<string, unknown>) => Object.keys(record).filter((key) => record[key] !== undefined);

/**
 * Whether two values have the same canonicalJson, without writing it: shared references are equal
 * at once and the walk stops at the first difference, so comparing two versions of a 24 MB
 * definition costs what they differ in, not twice their size. Iterative, as canonicalJson is.
 */
export function sameJson(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length) return false;
      // canonicalJson writes an undefined element as null.
      x.forEach((element, i) => stack.push([element ?? null, y[i] ?? null]));
    } else if (isRecord(x) && isRecord(y)) {
      const keys = definedKeys(x);
      if (keys.length !== definedKeys(y).length) return false;
      for (const key of keys) {
        if (y[key] === undefined) return false;
        stack.push([x[key], y[key]]);
      }
    } else if ((x === null || typeof x !== 'object') && (y === null || typeof y !== 'object')) {
      // Scalars that JSON writes alike (NaN and null, -0 and 0) are alike.
      if ((JSON.stringify(x) ?? 'null') !== (JSON.stringify(y) ?? 'null')) return false;
    } else {
      return false;
    }
  }
  return true;
}

/** The definition fields that differ between two versions of a tool. */
export function changedFields(before: Readonly<Record<string, unknown>>, after: Readonly<Record<string, unknown>>): DefinitionField[] {
  return DEFINITION_FIELDS.filter((field) => !sameJson(before[field], after[field]));
}
