/** The stack page's logic, apart from the page: which servers a URL names, type-ahead matches, reading a server's flows.json. */
import type { PolicyTool } from './break-policy.ts';
import type { Rule } from '../policy/schema.ts';
import { FLOW_ROLES, type FlowRole } from './role-kinds.ts';
import type { FlowsRecord } from './server-flows.ts';

/** Servers one stack may hold: each is a request, and the page stays small. */
export const MAX_STACK = 12;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The servers a stack URL names (`?s=a&s=b`): slugs only, each once, at most MAX_STACK. */
export function stackFromSearch(search: string): string[] {
  const slugs = new URLSearchParams(search).getAll('s').filter((s) => SLUG.test(s));
  return [...new Set(slugs)].slice(0, MAX_STACK);
}

/** The query string of a stack (empty for none). */
export function stackSearch(slugs: readonly string[]): string {
  const params = new URLSearchParams(slugs.map((slug) => ['s', slug]));
  return slugs.length > 0 ? `?${params}` : '';
}

export type ServerEntry = readonly [slug: string, name: string];

/** Servers whose name or slug holds the query, those that start with it first, leaving out `exclude`. */
export function matchServers(list: readonly ServerEntry[], query: string, exclude: ReadonlySet<string>, max = 10): ServerEntry[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const starts: ServerEntry[] = [];
  const contains: ServerEntry[] = [];
  for (const entry of list) {
    if (exclude.has(entry[0])) continue;
    const [slug, name] = [entry[0], entry[1].toLowerCase()];
    if (name.startsWith(q) || slug.startsWith(q)) starts.push(entry);
    else if (contains.length < max && (name.includes(q) || slug.includes(q))) contains.push(entry);
  }
  return [...starts, ...contains].slice(0, max);
}

/** The name list, checked: a list of [slug, name] pairs. */
export function parseServerList(json: unknown): ServerEntry[] {
  if (!Array.isArray(json)) throw new Error('the server list is not a list');
  return json.filter((e): e is [string, string] => Array.isArray(e) && typeof e[0] === 'string' && SLUG.test(e[0]) && typeof e[1] === 'string');
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A server's flows.json, checked enough to build on: its slug, name and tools with roles and rules. */
export function parseFlowsRecord(json: unknown, slug: string): FlowsRecord {
  if (!isObject(json) || json.slug !== slug || typeof json.name !== 'string' || !Array.isArray(json.tools))
    throw new Error(`flows.json of ${slug} is not a flows record`);
  const tools = json.tools.map((tool, index) => {
    const roles = isObject(tool) ? (tool.roles ?? []) : undefined;
    if (!isObject(tool) || typeof tool.name !== 'string' || !isObject(tool.rule) || !Array.isArray(roles) || !roles.every((r) => FLOW_ROLES.includes(r))) {
      throw new Error(`flows.json of ${slug}: tools[${index}] is not a tool with roles and a rule`);
    }
    // Rules come from our own build; the combined policy is only as good as they are.
    return { name: tool.name, roles: roles as FlowRole[], rule: tool.rule as Rule };
  });
  return { slug, name: json.name, tools };
}

/** Every tool of the stack, as flows and policies take them. */
export const stackTools = (records: readonly FlowsRecord[]): PolicyTool[] =>
  records.flatMap((record) => record.tools.map((tool) => ({ server: record.slug, name: tool.name, roles: tool.roles ?? [], rule: tool.rule })));
