import type { Policy } from '../policy/schema.ts';

/** A policy rewritten for another tool's configuration format, with what the rewrite had to leave out. */
export interface DialectOutput {
  /** The fragment, ready for JSON.stringify. */
  fragment: unknown;
  /** One sentence per thing the format could not carry, for the page under the snippet. */
  lost: string[];
}

/** A client's own file with a policy merged in: its whole text, and what the user must still do (for stderr). */
export interface ConfigMerge {
  text: string;
  notes: string[];
}

/** A writer for one server, as the dialects (src/core/dialects/*.ts) are written; TOML ones give their `text` too. */
export type ServerWriter = (serverName: string, policy: Policy) => DialectOutput & { text?: string };

/** A client's own file (`configText`, named `file` in errors) with a stack's merged fragment in it. */
export type IntoConfig = (configText: string, fragment: unknown, file: string) => ConfigMerge;
