import { z } from 'zod';
import { ConditionSchema, LimitSchema, PolicyShapeSchema, RuleSchema } from './schema.ts';

/** Where the site publishes the schema; pass the deployed URL when the site lives elsewhere. */
export const POLICY_SCHEMA_ID = 'https://policy-atlas.example/schema/policy-v1.json';

// A local registry (not zod's global one) names the shared parts as $defs, so that importing this
// module twice (dev server reloads) cannot trip over an id that is already registered.
function definitions() {
  const registry = z.registry<{ id: string; description?: string }>();
  registry.add(RuleSchema, { id: 'Rule', description: 'What happens to calls of one tool, or of the tools a pattern matches.' });
  registry.add(ConditionSchema, { id: 'Condition', description: 'A test on one argument: { "path": "args.<dotted path>", "op": …, "value": … }.' });
  registry.add(LimitSchema, { id: 'Limit', description: 'At most `max` calls per fixed UTC window; limits with the same counter and scope share one count.' });
  registry.add(ConditionSchema.options[1].shape.value, { id: 'JsonValue' });
  return registry;
}

/** The JSON Schema (draft 2020-12) of policy v1, generated from the fields PolicySchema parses with, so the two cannot drift apart. */
export function policyJsonSchema(id: string = POLICY_SCHEMA_ID): Record<string, unknown> {
  const generated = z.toJSONSchema(PolicyShapeSchema, {
    metadata: definitions(),
    io: 'input',
    // `max` is checked by a refinement (see LimitSchema), which JSON Schema cannot see: say "integer".
    override: ({ zodSchema, jsonSchema }) => {
      if (zodSchema === LimitSchema.shape.max) jsonSchema.type = 'integer';
    },
  });
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: id,
    title: 'Policy Atlas policy, version 1',
    description: 'An MCP gateway policy: which tools an agent may call, under which conditions and limits.',
    ...rest,
  };
}
