import type { z } from 'zod';

/**
 * One problem in user data (or a warning about it), before it is words: where it is and what is
 * wrong. `issueText` is the one place that writes it as a line.
 */
export interface Issue {
  /** The JSON path it concerns; `[]` is the root, and absent means the file (or text) as a whole. */
  path?: readonly (string | number)[];
  message: string;
  hint?: string;
  /** 1-based, when the issue was located in the text. */
  line?: number;
  column?: number;
}

/**
 * `context › json.path: message (hint: …)`; without a path `context: message (hint: …)`; without a
 * context `json.path: message (hint: …)`. Line and column are the caller's to show (a compiler-style
 * prefix, a button): they are not part of the line.
 */
export function issueText(issue: Issue, context?: string): string {
  const path = issue.path === undefined ? undefined : formatJsonPath(issue.path);
  const where =
    context !== undefined && path !== undefined ? `${context} › ${path}: ` : context !== undefined ? `${context}: ` : path !== undefined ? `${path}: ` : '';
  return `${where}${issue.message}${issue.hint ? ` (hint: ${issue.hint})` : ''}`;
}

/** A problem in user data, with one line per problem: `file › json.path: message (hint)`. */
export class DataError extends Error {
  readonly lines: string[];
  constructor(lines: string[]) {
    super(lines.join('\n'));
    this.name = 'DataError';
    this.lines = lines;
  }
}

/** `tools[3].inputSchema`, `tools["odd key"]`; the root is `(root)`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    return `the string ${JSON.stringify(shown)}`;
  }
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

// zod's type names, as a JSON author knows them.
const TYPE_WORDS: Partial<Record<string, string>> = {
  record: 'an object',
  object: 'an object',
  array: 'an array',
  string: 'a string',
  number: 'a number',
  boolean: 'a boolean (true or false)',
  int: 'an integer',
};

function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const got = describeValue(valueAt(input, issue.path));
  switch (issue.code) {
    case 'invalid_type': {
      const expected = TYPE_WORDS[issue.expected] ?? issue.expected;
      return got === 'nothing' ? `required, but missing (expected ${expected})` : `expected ${expected}, got ${got}`;
    }
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${got}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
    case 'invalid_key':
      // The path ends at the key; what is wrong is the key, not its value.
      return `the key is refused: ${issue.issues.map((inner) => inner.message).join('; ')}`;
    case 'invalid_union': {
      const options = (issue as { options?: unknown[] }).options;
      return options ? `expected one of ${options.map((o) => JSON.stringify(o)).join(', ')}, got ${got}` : `${issue.message}, got ${got}`;
    }
    default:
      return `${issue.message}, got ${got}`;
  }
}

const HINTS: Partial<Record<string, string>> = {
  unrecognized_keys: 'remove it or check its spelling; unknown keys are refused so that a typo never goes unnoticed',
  unrecognized_keys_many: 'remove them or check their spelling; unknown keys are refused so that a typo never goes unnoticed',
  invalid_value: 'use one of the listed values',
  invalid_union: 'use one of the listed values',
};

/** The schema's verdict on `input`: its output, or one issue per zod issue, each naming its JSON path. */
export function schemaIssues<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.output<S> } | { ok: false; issues: (Issue & Required<Pick<Issue, 'path'>>)[] } {
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((issue) => {
      // Unknown keys sit on the object; name the key itself so the path points at the culprit.
      const path = issue.code === 'unrecognized_keys' && issue.keys.length === 1 ? [...issue.path, issue.keys[0]!] : issue.path;
      const hint = HINTS[issue.code === 'unrecognized_keys' && issue.keys.length > 1 ? 'unrecognized_keys_many' : issue.code];
      return { path: path.map((key) => (typeof key === 'number' ? key : String(key))), message: describeIssue(issue, input), ...(hint ? { hint } : {}) };
    }),
  };
}

/** Parses `input` with `schema`, or throws a DataError whose lines name `context`, the JSON path and a hint. */
export function parseWithFriendlyErrors<S extends z.ZodType>(schema: S, input: unknown, context: string): z.output<S> {
  const result = schemaIssues(schema, input);
  if (result.ok) return result.data;
  throw new DataError(result.issues.map((issue) => issueText(issue, context)));
}
