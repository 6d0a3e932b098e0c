import { MAX_HISTORY, toolChanges, type ToolChange } from './tool-history.ts';
import type { CatalogServer, CatalogTool } from '../catalog/build-catalog.ts';

/** The import dates of a tool, when `policy-atlas import` recorded them. */
export interface ToolHistory {
  firstSeen?: string;
  /** Set only when the definition changed after it was first seen: the rug-pull case. */
  changedOn?: string;
}

export function toolHistory(tool: CatalogTool): ToolHistory {
  const { firstSeen, lastChanged } = tool.definition;
  return {
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastChanged && lastChanged !== firstSeen ? { changedOn: lastChanged } : {}),
  };
}

/** Tools whose definitions changed after they were first seen, newest change first. */
export function recentChanges(server: CatalogServer, max = 10): CatalogTool[] {
  return server.tools
    .filter((tool) => toolHistory(tool).changedOn)
    .sort((a, b) => (toolHistory(b).changedOn! < toolHistory(a).changedOn! ? -1 : 1))
    .slice(0, max);
}

export interface CatalogChange {
  tool: CatalogTool;
  change: ToolChange;
}

/**
 * The stored definition changes of these tools (those tool pages show), newest first (ties by server,
 * tool, then order), at most `max`. Only the changes kept are diffed: the dates alone pick them.
 */
export function definitionChanges(tools: Iterable<CatalogTool>, max: number): CatalogChange[] {
  const candidates: { tool: CatalogTool; index: number; date: string }[] = [];
  // The dates are kept beside the catalog's listing: only the changes kept read their definitions.
  for (const tool of tools) tool.changeDates.slice(0, MAX_HISTORY).forEach((date, index) => candidates.push({ tool, index, date }));
  const order = (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
    (a.date > b.date ? -1 : a.date < b.date ? 1 : 0)
    || (a.tool.server.slug < b.tool.server.slug ? -1 : a.tool.server.slug > b.tool.server.slug ? 1 : 0)
    || (a.tool.slug < b.tool.slug ? -1 : a.tool.slug > b.tool.slug ? 1 : 0)
    || a.index - b.index;
  const kept = candidates.sort(order).slice(0, max);
  const deepest = new Map<CatalogTool, number>();
  for (const { tool, index } of kept) deepest.set(tool, Math.max(deepest.get(tool) ?? 0, index + 1));
  const changes = new Map([...deepest].map(([tool, depth]) => [tool, toolChanges(tool.definition, depth)]));
  return kept.map(({ tool, index }) => ({ tool, change: changes.get(tool)![index]! }));
}
