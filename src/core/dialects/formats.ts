/**
 * The formats `policy-atlas policy --for` writes a stack's policy in: an id → writer registry. A new
 * client format is one line in server-formats.ts: `perServer(title, writer)` around a writer with the
 * dialects' signature, `(serverName, policy) => { fragment, lost }` (and `{ join: 'text' }` for a TOML one).
 */
import { policyText } from '../catalog/tool-page.ts';
import { mergeClaudeCodeSettings } from './claude-code-settings.ts';
import { SERVER_FORMATS, type PolicyFormat } from './server-formats.ts';

export { perServer, type FormatOutput, type PolicyFormat, type ServerWriter } from './server-formats.ts';

const policyV1: PolicyFormat = { title: 'policy-v1', write: (combined) => ({ text: `${policyText(combined)}\n`, lost: [] }) };

export const POLICY_FORMATS: Readonly<Record<string, PolicyFormat>> = {
  'policy-v1': policyV1,
  ...SERVER_FORMATS,
  // Claude Code's rules go inside its own settings.json: `--config` merges them into the user's file.
  'claude-code': { ...SERVER_FORMATS['claude-code'], intoConfig: mergeClaudeCodeSettings },
};

/** The format of an id, own keys only (`constructor` is no format). */
export const policyFormat = (id: string): PolicyFormat | undefined => (Object.hasOwn(POLICY_FORMATS, id) ? POLICY_FORMATS[id] : undefined);
