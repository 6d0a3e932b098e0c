import { changedFields } from './definition-hash.ts';
import type { Tool } from '../schema/server.ts';
import { diffDefinitions, type DefinitionDiff } from './definition-diff.ts';
import { diffLines, lineText } from './diff-lines.ts';

/** How what a server lists now differs from the definitions a catalog reviewed. */
export interface Drift {
  added: string[];
  removed: string[];
  changed: { name: string; diff: DefinitionDiff }[];
  unchanged: number;
}

/** Compares by tool name; a name listed twice counts once, its last definition (as the importer keeps it). */
export function compareTools(reviewed: readonly Tool[], listed: readonly Tool[]): Drift {
  const before = new Map(reviewed.map((tool) => [tool.name, tool]));
  const now = new Map(listed.map((tool) => [tool.name, tool]));
  const drift: Drift = { added: [], removed: [], changed: [], unchanged: 0 };
  for (const [name, tool] of now) {
    const old = before.get(name);
    if (!old) drift.added.push(name);
    else if (changedFields(old, tool).length > 0) drift.changed.push({ name, diff: diffDefinitions(old, tool) });
    else drift.unchanged++;
  }
  for (const name of before.keys()) if (!now.has(name)) drift.removed.push(name);
  return drift;
}

export const hasDrifted = (drift: Drift) => drift.added.length + drift.removed.length + drift.changed.length > 0;

/**
 * The report, one line each, with the diff lines the tool pages show. Lines hold server text (names,
 * descriptions): the caller makes them safe for where they go.
 */
export function describeDrift(target: string, drift: Drift): string[] {
  const total = drift.unchanged + drift.changed.length + drift.removed.length;
  if (!hasDrifted(drift)) return [`${target}: matches what the server lists (${total} tool${total === 1 ? '' : 's'})`];
  return [
    `${target}: the server differs: ${drift.added.length} added, ${drift.removed.length} removed, ${drift.changed.length} changed, ${drift.unchanged} unchanged`,
    ...drift.added.map((name) => `  + ${name}`),
    ...drift.removed.map((name) => `  - ${name}`),
    ...drift.changed.flatMap(({ name, diff }) => [`  ~ ${name} (${diff.fields.join(', ')})`, ...diffLines(diff).map((line) => `      ${lineText(line)}`)]),
  ];
}
