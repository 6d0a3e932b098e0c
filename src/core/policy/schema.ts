import { z } from 'zod';
import { isPattern, MAX_PATTERN_LENGTH } from './glob.ts';

/** Policy document v1 (../shared/spec/policy-v1.md): the single schema the site, validator and CLI use. */

export const POLICY_ACTIONS = ['allow', 'deny', 'require_approval'] as const;
export const LIMIT_WINDOWS = ['second', 'minute', 'hour', 'day'] as const;
export const LIMIT_SCOPES = ['grant', 'session', 'agent', 'global'] as const;

const path = z.string().regex(/^args(\.[^.]+)*$/, 'must be "args" or "args.<dotted path>"');

// The spec asks only that it compile; a pattern that can backtrack for minutes is lint's to warn about.
const compilingRegex = z.string().superRefine((source, context) => {
  try {
    new RegExp(source);
  } catch {
    context.addIssue({ code: 'custom', message: 'must be a regular expression that compiles' });
  }
});

// The spec restricts the value of exists, in/not_in, lt..gte and regex only: eq, neq, contains and the
// items of in/not_in take any JSON value, compared by deep equality.
const jsonValue = z.json();

export const ConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ path, op: z.literal('exists') }),
  z.strictObject({ path, op: z.enum(['eq', 'neq']), value: jsonValue }),
  z.strictObject({ path, op: z.enum(['in', 'not_in']), value: z.array(jsonValue) }),
  z.strictObject({ path, op: z.enum(['lt', 'lte', 'gt', 'gte']), value: z.number() }),
  z.strictObject({ path, op: z.literal('contains'), value: jsonValue }),
  z.strictObject({ path, op: z.literal('regex'), value: compilingRegex }),
]);
export type Condition = z.output<typeof ConditionSchema>;

// Any positive integer: zod's int() would refuse those past 2^53, which JSON and the spec allow.
const MAX_MESSAGE = 'must be a positive integer (1 or more)';

export const LimitSchema = z.strictObject({
  counter: z.string().min(1, 'must not be empty'),
  window: z.enum(LIMIT_WINDOWS),
  max: z.number().positive({ message: MAX_MESSAGE, abort: true }).refine(Number.isInteger, MAX_MESSAGE),
  scope: z.enum(LIMIT_SCOPES),
});
export type Limit = z.output<typeof LimitSchema>;

export const RuleSchema = z.strictObject({
  action: z.enum(POLICY_ACTIONS).optional(),
  reason: z.string().optional(),
  require: z.array(ConditionSchema).optional(),
  deny_if: z.array(ConditionSchema).optional(),
  limits: z.array(LimitSchema).optional(),
});
export type Rule = z.output<typeof RuleSchema>;

const EMPTY_TOOL_NAME = 'a tool name must not be empty';
const PATTERN_TOO_LONG = `a pattern may be at most ${MAX_PATTERN_LENGTH} characters (checking two for a tie costs the product of their lengths)`;
const fitsPatternLength = (name: string) => !isPattern(name) || name.length <= MAX_PATTERN_LENGTH;

/** What `tools` is in JSON: tool names (or patterns) to rules. The JSON Schema is generated from it. */
export const ToolsRecordSchema = z.record(z.string().min(1), RuleSchema, {
  // zod reports a bad record key as "Invalid key in record"; say what is wrong instead.
  error: (issue) => (issue.code === 'invalid_key' ? EMPTY_TOOL_NAME : undefined),
});
type Tools = z.output<typeof ToolsRecordSchema>;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && [Object.prototype, null].includes(Object.getPrototypeOf(value));

/** Issues of a nested parse, re-raised under `name` (finalized issues carry no `input`; only raising needs one). */
const nestedIssues = (issues: readonly z.core.$ZodIssue[], name?: string) =>
  issues.map((issue) => ({ ...issue, path: name === undefined ? issue.path : [name, ...issue.path] }) as z.core.$ZodRawIssue);

/**
 * The rule with each condition's `value` as the document wrote it (the schema has checked it is JSON):
 * zod's record drops a `__proto__` key inside a value too, and `eq {"__proto__": 1}` would compare with `{}`.
 */
function withValuesAsWritten(rule: Rule, input: unknown): Rule {
  const written = input as Partial<Record<'require' | 'deny_if', { value?: unknown }[]>>;
  for (const field of ['require', 'deny_if'] as const) {
    rule[field]?.forEach((condition, index) => {
      if ('value' in condition) Object.assign(condition, { value: structuredClone(written[field]![index]!.value) });
    });
  }
  return rule;
}

/**
 * `tools` as ToolsRecordSchema checks it, but keeping every key: zod's record drops a `__proto__` key
 * (rule and all), which JSON.parse keeps and which is a legal MCP tool name. The rules land on an
 * object without a prototype, so no name can reach an inherited property either.
 */
function parseTools(input: unknown, context: z.core.ParsePayload): Tools {
  const tools: Tools = Object.create(null);
  if (!isPlainObject(input)) {
    context.issues.push(...nestedIssues(ToolsRecordSchema.safeParse(input).error!.issues));
    return tools;
  }
  for (const name of Object.keys(input)) {
    if (name === '' || !fitsPatternLength(name)) {
      context.issues.push({ code: 'custom', path: [name], message: name === '' ? EMPTY_TOOL_NAME : PATTERN_TOO_LONG, input: name });
      continue;
    }
    const rule = RuleSchema.safeParse(input[name]);
    if (rule.success) tools[name] = withValuesAsWritten(rule.data, input[name]);
    else context.issues.push(...nestedIssues(rule.error.issues, name));
  }
  return tools;
}

const ToolsSchema = z.transform(parseTools);

const documentFields = {
  $schema: z.string().optional(),
  version: z.literal('1'),
  default: z.enum(['allow', 'deny']),
  hide: z.array(z.string().min(1, 'must not be empty').refine(fitsPatternLength, PATTERN_TOO_LONG)).optional(),
  all_tools: z.strictObject({ limits: z.array(LimitSchema).optional() }).optional(),
};

export const PolicySchema = z.strictObject({ ...documentFields, tools: ToolsSchema.optional() });
export type Policy = z.output<typeof PolicySchema>;

/** The document as JSON Schema can say it: PolicySchema with `tools` as the plain record it parses like. */
export const PolicyShapeSchema = z.strictObject({ ...documentFields, tools: ToolsRecordSchema.optional() });
