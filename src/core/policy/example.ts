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
