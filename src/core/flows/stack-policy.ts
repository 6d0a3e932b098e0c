/** The stack's combined policy (the one /stack/ shows), and its slice for each server of the stack. */
import type { CatalogServer } from '../catalog/build-catalog.ts';
import { flowPolicy, type FlowPolicy } from './break-policy.ts';
import { serverFlowsRecord } from './server-flows.ts';
import { serverSlices, type ServerPolicy } from './server-slices.ts';
import { stackTools } from './stack.ts';

export type { ServerPolicy } from './server-slices.ts';

export interface StackPolicy extends FlowPolicy {
  servers: ServerPolicy[];
}

/** The name the user's client knows a server by: an imported server file records it in `source`. */
export function clientServerName(server: { slug: string; meta: object }): string {
  // `source` is optional and newer than some server files: read it without requiring it.
  const source = (server.meta as { source?: { name?: unknown } }).source;
  return typeof source?.name === 'string' && source.name !== '' ? source.name : server.slug;
}

/**
 * The policy of a stack of servers, made as the stack page makes it (from each server's flows.json
 * record), and each server's slice of it: the rules of that server's tool names under the same
 * default and cap, for formats that address a server's tools through the server's own name.
 */
export function stackPolicy(servers: readonly CatalogServer[], options: { strict?: boolean } = {}): StackPolicy {
  const combined = flowPolicy(stackTools(servers.map(serverFlowsRecord)), undefined, options);
  return {
    ...combined,
    servers: serverSlices(
      combined.policy,
      servers.map((server) => ({ slug: server.slug, name: clientServerName(server), tools: server.tools })),
    ),
  };
}
