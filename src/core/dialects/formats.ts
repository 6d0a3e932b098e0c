/**
 * The formats `policy-atlas policy --for` writes a stack's policy in: policy-v1, and each client
 * format of the dialect registry (registry.ts, where a new format is added), server by server, with
 * `--config` merging into the client's own file where the format lives there.
 */
import { policyText } from '../catalog/tool-page.ts';
import { DIALECTS } from './registry.ts';
import { SERVER_FORMATS, type PolicyFormat } from './server-formats.ts';

export { perServer, type FormatOutput, type PolicyFormat, type ServerWriter } from './server-formats.ts';

const policyV1: PolicyFormat = { title: 'policy-v1', write: (combined) => ({ text: `${policyText(combined)}\n`, lost: [] }) };

export const POLICY_FORMATS: Readonly<Record<string, PolicyFormat>> = {
  'policy-v1': policyV1,
  ...Object.fromEntries(
    DIALECTS.map((dialect) => {
      const intoConfig = 'intoConfig' in dialect ? dialect.intoConfig : undefined;
      return [dialect.id, { ...SERVER_FORMATS[dialect.id], ...(intoConfig ? { intoConfig } : {}) }];
    }),
  ),
};

/** The format of an id, own keys only (`constructor` is no format). */
export const policyFormat = (id: string): PolicyFormat | undefined => (Object.hasOwn(POLICY_FORMATS, id) ? POLICY_FORMATS[id] : undefined);
