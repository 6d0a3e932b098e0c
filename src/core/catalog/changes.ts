import type { CatalogServer, CatalogTool } from './build-catalog.ts';

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
