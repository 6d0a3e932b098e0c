/** The policy the validator page opens with: one of each kind of rule. */
export const EXAMPLE_POLICY = `{
  "version": "1",
  "default": "deny",
  "hide": ["drop_table"],
  "all_tools": { "limits": [{ "counter": "all_calls", "window": "minute", "max": 300, "scope": "grant" }] },
  "tools": {
    "list_tables": {},
    "esm_msk_policy": { "limits": [{ "counter": "esm_msk_policy_rate", "window": "minute", "max": 60, "scope": "grant" }] },
    "create_refund": {
      "action": "require_approval",
      "reason": "Moves money back to a customer.",
      "require": [{ "path": "args.reason", "op": "exists" }],
      "deny_if": [{ "path": "args.amount", "op": "gt", "value": 10000 }]
    },
    "delete_*": { "action": "deny", "reason": "Destructive; ask an operator." }
  }
}
`;

/** The complete example of the format's documentation (/policy-format/): every top-level field. */
export const FORMAT_EXAMPLE_POLICY = `{
  "$schema": "https://policy-atlas.example/schema/policy-v1.json",
  "version": "1",
  "default": "deny",
  "hide": ["drop_table"],
  "all_tools": { "limits": [{ "counter": "everything", "window": "minute", "max": 200, "scope": "session" }] },
  "tools": {
    "list_tables": {},
    "query": { "limits": [{ "counter": "queries", "window": "minute", "max": 30, "scope": "grant" }] },
    "create_refund": {
      "action": "require_approval",
      "reason": "Refunds move money back to a card.",
      "require": [{ "path": "args.reason", "op": "exists" }],
      "deny_if": [{ "path": "args.amount", "op": "gt", "value": 5000 }]
    },
    "delete_*": { "action": "deny", "reason": "Deleting is for operators." }
  }
}`;
