import { z } from 'zod';

/** Policy document v1 (../shared/spec/policy-v1.md): the single schema the site, validator and CLI use. */

export const POLICY_ACTIONS = ['allow', 'deny', 'require_approval'] as const;
export const LIMIT_WINDOWS = ['second', 'minute', 'hour', 'day'] as const;
export const LIMIT_SCOPES = ['grant', 'session', 'agent', 'global'] as const;

const path = z
  .string()
  .regex(/^args(\.[^.]+)*$/, 'must be "args" or "args.<dotted path>"');

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const compilableRegex = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: 'must be a regular expression that compiles' },
);

export const ConditionSchema = z.discriminatedUnion('op', [
  z.strictObject({ path, op: z.literal('exists') }),
  z.strictObject({ path, op: z.enum(['eq', 'neq']), value: z.json() }),
  z.strictObject({ path, op: z.enum(['in', 'not_in']), value: z.array(scalar) }),
  z.strictObject({ path, op: z.enum(['lt', 'lte', 'gt', 'gte']), value: z.number() }),
  z.strictObject({ path, op: z.literal('contains'), value: scalar }),
  z.strictObject({ path, op: z.literal('regex'), value: compilableRegex }),
]);
export type Condition = z.output<typeof ConditionSchema>;

export const LimitSchema = z.strictObject({
  counter: z.string().min(1, 'must not be empty'),
  window: z.enum(LIMIT_WINDOWS),
  max: z.number().int().positive('must be a positive integer (1 or more)'),
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

export const PolicySchema = z.strictObject({
  $schema: z.string().optional(),
  version: z.literal('1'),
  default: z.enum(['allow', 'deny']),
  hide: z.array(z.string().min(1, 'must not be empty')).optional(),
  all_tools: z.strictObject({ limits: z.array(LimitSchema).optional() }).optional(),
  // zod reports a bad record key as "Invalid key in record"; say what is wrong instead.
  tools: z
    .record(z.string().min(1), RuleSchema, { error: (issue) => (issue.code === 'invalid_key' ? 'a tool name must not be empty' : undefined) })
    .optional(),
});
export type Policy = z.output<typeof PolicySchema>;
