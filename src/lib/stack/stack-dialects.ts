import { stackDialectSnippets } from '../../core/dialects/stack-snippets.ts';
import type { FlowsRecord } from '../../core/flows/server-flows.ts';
import { serverSlices } from '../../core/flows/server-slices.ts';
import type { Policy } from '../../core/policy/schema.ts';
import { defineCopyPolicy } from '../copy-policy.ts';
import { dialectElement } from '../dialects/dialect-elements.ts';

/**
 * The stack's policy in every client format, as the markup of the tool and server pages: a chunk of
 * its own (the writers and a TOML library), loaded once the stack has servers. Each server's rules
 * are written under its slug, the name its page and flows.json give it; every text goes in by
 * textContent, so tool names stay text.
 */
export function stackDialectElements(policy: Policy, records: readonly FlowsRecord[], idPrefix: string): HTMLDetailsElement[] {
  defineCopyPolicy();
  const servers = serverSlices(
    policy,
    records.map((record) => ({ slug: record.slug, name: record.slug, tools: record.tools })),
  );
  return stackDialectSnippets(policy, servers).map((snippet) => dialectElement(snippet, idPrefix));
}
