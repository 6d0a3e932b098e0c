import type { DefinitionField } from './definition-hash.ts';
import { HISTORY_FIELDS, type HistoryEntry, type Tool } from '../schema/server.ts';
import { diffDefinitions, type Definition, type DefinitionDiff } from './definition-diff.ts';
import { DIFF_BUDGET, DiffBudget } from './text-diff.ts';

/** Earlier definitions kept per tool: enough to see a rug pull, few enough to keep data files small. */
export const MAX_HISTORY = 5;

type HistoryField = (typeof HISTORY_FIELDS)[number];
const isHistoryField = (field: DefinitionField): field is HistoryField => (HISTORY_FIELDS as readonly string[]).includes(field);

/** What `old` had in the `changed` fields, dated the day the change was seen. */
export function historyEntry(old: Tool, changed: readonly DefinitionField[], date: string): HistoryEntry {
  const entry: HistoryEntry = { date };
  const absent: HistoryField[] = [];
  for (const field of changed.filter(isHistoryField)) {
    if (old[field] === undefined) absent.push(field);
    else Object.assign(entry, { [field]: old[field] });
  }
  if (absent.length > 0) entry.absent = absent;
  return entry;
}

/** The history after a change: the old definition first, then what was kept, the last MAX_HISTORY. */
export function historyAfterChange(old: Tool, changed: readonly DefinitionField[], date: string): HistoryEntry[] {
  return [historyEntry(old, changed, date), ...(old.history ?? [])].slice(0, MAX_HISTORY);
}

/** The definition as it was before `entry`'s change, from the one after it. */
function undo(after: Definition, entry: HistoryEntry): Definition {
  const before: Record<string, unknown> = { ...after };
  for (const field of HISTORY_FIELDS) if (entry[field] !== undefined) before[field] = entry[field];
  for (const field of entry.absent ?? []) delete before[field];
  return before as Definition;
}

export interface ToolChange {
  /** The day the change was seen. */
  date: string;
  before: Definition;
  after: Definition;
  diff: DefinitionDiff;
}

const definitionOf = ({ name, title, description, inputSchema, outputSchema, annotations }: Tool): Definition =>
  Object.fromEntries(Object.entries({ name, title, description, inputSchema, outputSchema, annotations }).filter(([, v]) => v !== undefined)) as Definition;

/** Each stored change of a tool, newest first, with its diff; none when the tool has no history. The diffs share `budget`. */
export function toolChanges(tool: Tool, max = MAX_HISTORY, budget = new DiffBudget(DIFF_BUDGET.page)): ToolChange[] {
  const changes: ToolChange[] = [];
  let after = definitionOf(tool);
  for (const entry of (tool.history ?? []).slice(0, max)) {
    const before = undo(after, entry);
    changes.push({ date: entry.date, before, after, diff: diffDefinitions(before, after, budget) });
    after = before;
  }
  return changes;
}
