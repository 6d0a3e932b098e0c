/** A stack's policy cut into one slice per server: what formats that name each server's tools are written from. */
import type { Policy } from '../policy/schema.ts';

/** One server of the stack as a client knows it: the name its configuration gives it, and its part of the policy. */
export interface ServerPolicy {
  slug: string;
  /** The name the user's client gives the server (from the server file's `source`), else our slug. */
  name: string;
  policy: Policy;
}

/** A server of the stack: its slug, the name to write its rules under, and its tools' names. */
export interface StackServer {
  slug: string;
  name: string;
  tools: readonly { name: string }[];
}

/**
 * Each server's slice of the stack's policy: the rules of that server's tool names under the same
 * default and cap. A tool name two servers share keeps the one (stricter) rule the stack gave it in both.
 */
export function serverSlices(combined: Policy, servers: readonly StackServer[]): ServerPolicy[] {
  const rules = combined.tools ?? {};
  return servers.map((server) => {
    const names = new Set(server.tools.map((tool) => tool.name));
    const tools = Object.fromEntries(Object.entries(rules).filter(([name]) => names.has(name)));
    return { slug: server.slug, name: server.name, policy: { ...combined, tools } };
  });
}
