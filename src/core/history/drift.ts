import { changedFields } from './definition-hash.ts';
import { reachedCaps } from '../catalog/normalise.ts';
import type { Tool } from '../schema/server.ts';
import { diffDefinitions, type DefinitionDiff } from './definition-diff.ts';
import { diffLines, lineText } from './diff-lines.ts';
import { copiesByName, copyLabel } from './name-copies.ts';
import { DIFF_BUDGET, DiffBudget } from './text-diff.ts';

/** How what a server lists now differs from the definitions a catalog reviewed. */
export interface Drift {
  added: string[];
  removed: string[];
  changed: { name: string; diff: DefinitionDiff }[];
  /** Equal as read, but reaching a cap where reading cuts: what lies past it cannot be compared. */
  uncomparable: { name: string; reached: string[] }[];
  unchanged: number;
}

/**
 * Compares by tool name, a name listed more than once copy by copy (see copiesByName): a copy the
 * catalog does not hold is added, whichever place it takes in the list.
 */
export function compareTools(reviewed: readonly Tool[], listed: readonly Tool[]): Drift {
  const before = copiesByName(reviewed);
  const now = copiesByName(listed);
  const drift: Drift = { added: [], removed: [], changed: [], uncomparable: [], unchanged: 0 };
  const budget = new DiffBudget(DIFF_BUDGET.check);
  for (const [name, copies] of now) {
    copies.forEach((tool, copy) => {
      const label = copyLabel(name, copy);
      const old = before.get(name)?.[copy];
      if (!old) {
        drift.added.push(label);
        return;
      }
      const reached = [...new Set([...reachedCaps(old), ...reachedCaps(tool)])];
      if (changedFields(old, tool).length > 0) drift.changed.push({ name: label, diff: diffDefinitions(old, tool, budget) });
      else if (reached.length > 0) drift.uncomparable.push({ name: label, reached });
      else drift.unchanged++;
    });
  }
  for (const [name, copies] of before) {
    copies.forEach((_, copy) => {
      if (!now.get(name)?.[copy]) drift.removed.push(copyLabel(name, copy));
    });
  }
  return drift;
}

export const hasDrifted = (drift: Drift) => drift.added.length + drift.removed.length + drift.changed.length + drift.uncomparable.length > 0;

/**
 * The report, one line each, with the diff lines the tool pages show. Lines hold server text (names,
 * descriptions): the caller makes them safe for where they go.
 */
export function describeDrift(target: string, drift: Drift): string[] {
  const total = drift.unchanged + drift.changed.length + drift.uncomparable.length + drift.removed.length;
  if (!hasDrifted(drift)) return [`${target}: matches what the server lists (${total} tool${total === 1 ? '' : 's'})`];
  const uncomparable = drift.uncomparable.length > 0 ? `, ${drift.uncomparable.length} cannot be compared in full` : '';
  return [
    `${target}: the server differs: ${drift.added.length} added, ${drift.removed.length} removed, ${drift.changed.length} changed${uncomparable}, ${drift.unchanged} unchanged`,
    ...drift.added.map((name) => `  + ${name}`),
    ...drift.removed.map((name) => `  - ${name}`),
    ...drift.changed.flatMap(({ name, diff }) => [`  ~ ${name} (${diff.fields.join(', ')})`, ...diffLines(diff).map((line) => `      ${lineText(line)}`)]),
    ...drift.uncomparable.map(({ name, reached }) => `  ? ${name}: cannot be compared in full: ${reached.join('; ')}, and what lies past it is cut when read`),
  ];
}
