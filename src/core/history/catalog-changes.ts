import { MAX_HISTORY, toolChanges, type ToolChange } from './tool-history.ts';
import type { CatalogServer, CatalogTool } from '../catalog/build-catalog.ts';
import { loadDefinition } from '../catalog/load-definition.ts';
import type { Tool } from '../schema/server.ts';
import { DIFF_BUDGET, DiffBudget } from './text-diff.ts';

/** The import dates of a tool, when `policy-atlas import` recorded them. */
export interface ToolHistory {
  firstSeen?: string;
  /** Set only when the definition changed after it was first seen: the rug-pull case. */
  changedOn?: string;
}

export function toolHistory({ firstSeen, lastChanged }: Pick<Tool, 'firstSeen' | 'lastChanged'>): ToolHistory {
  return {
    ...(firstSeen ? { firstSeen } : {}),
    ...(lastChanged && lastChanged !== firstSeen ? { changedOn: lastChanged } : {}),
  };
}

/** The day of a build, as imports record dates (`2026-12-07`). */
export const dayOf = (now: Date): string => now.toISOString().slice(0, 10);

/**
 * Newest first, but a date after `today` is not trusted: an import records the day it runs, so a
 * later one was written by hand or by a wrong clock. Such dates come after every trusted one, so
 * a file dated 9999-12-31 cannot push real changes out of a feed; among themselves, newest first.
 */
export function newestFirst(a: string, b: string, today: string): number {
  const trustedA = a <= today;
  const trustedB = b <= today;
  if (trustedA !== trustedB) return trustedA ? -1 : 1;
  return a > b ? -1 : a < b ? 1 : 0;
}

/** Tools whose definitions changed after they were first seen, with the day, newest change first (see newestFirst). */
export function recentChanges(server: CatalogServer, max = 10, today = dayOf(new Date())): { tool: CatalogTool; changedOn: string }[] {
  return server.tools
    .flatMap((tool) => {
      const { changedOn } = toolHistory(loadDefinition(tool).definition);
      return changedOn ? [{ tool, changedOn }] : [];
    })
    .sort((a, b) => newestFirst(a.changedOn, b.changedOn, today))
    .slice(0, max);
}

export interface CatalogChange {
  tool: CatalogTool;
  change: ToolChange;
}

/**
 * The stored definition changes of these tools (those tool pages show), newest first (see newestFirst;
 * ties by server, tool, then order), at most `max`. Only the changes kept are diffed: the dates alone
 * pick them.
 */
export function definitionChanges(tools: Iterable<CatalogTool>, max: number, today = dayOf(new Date())): CatalogChange[] {
  const candidates: { tool: CatalogTool; index: number; date: string }[] = [];
  // The dates are kept beside the catalog's listing: only the changes kept read their definitions.
  for (const tool of tools) tool.changeDates.slice(0, MAX_HISTORY).forEach((date, index) => candidates.push({ tool, index, date }));
  const order = (a: (typeof candidates)[number], b: (typeof candidates)[number]) =>
    newestFirst(a.date, b.date, today) ||
    (a.tool.server.slug < b.tool.server.slug ? -1 : a.tool.server.slug > b.tool.server.slug ? 1 : 0) ||
    (a.tool.slug < b.tool.slug ? -1 : a.tool.slug > b.tool.slug ? 1 : 0) ||
    a.index - b.index;
  const kept = candidates.sort(order).slice(0, max);
  const deepest = new Map<CatalogTool, number>();
  for (const { tool, index } of kept) deepest.set(tool, Math.max(deepest.get(tool) ?? 0, index + 1));
  // Newest first, so the newest changes get their word diffs should the budget run out.
  const budget = new DiffBudget(DIFF_BUDGET.feed);
  const changes = new Map([...deepest].map(([tool, depth]) => [tool, toolChanges(loadDefinition(tool).definition, depth, budget)]));
  return kept.map(({ tool, index }) => ({ tool, change: changes.get(tool)![index]! }));
}
