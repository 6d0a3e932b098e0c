/**
 * Warnings of a large catalog, told so that a person reads them: a catalog whose Python servers send
 * `null` for every unset hint makes one line per tool and hint, tens of thousands of alike lines that
 * bury the one odd one. Every line is shown as it is; past `WARNINGS_IN_FULL`, one line per kind of
 * warning follows, with its count and first example, the rarest kinds first (they are the surprises).
 */

export const WARNINGS_IN_FULL = 50;
/** Kinds shown past that: names of odd keys make kinds too, and a hostile catalog can make thousands. */
export const KINDS_SHOWN = 40;

/** What a line says, without where: `file › tools[3].annotations.x: null…` → `tools[].annotations.x: null…`, `file.json: …` → `…`. */
export function warningKind(line: string): string {
  const where = line.indexOf(' › ');
  // A line about a whole file says `file.json: …`.
  const fileEnd = where >= 0 ? -1 : line.indexOf('.json: ');
  return (where >= 0 ? line.slice(where + 3) : fileEnd >= 0 ? line.slice(fileEnd + 7) : line)
    .replace(/\[\d+\]/g, '[]')
    .replace(/"(?:[^"\\]|\\.)*"/g, '"…"')
    .replace(/\d[\d,]*/g, 'N');
}

export interface WarningGroup {
  count: number;
  /** The first line of this kind, as written. */
  example: string;
}

/** Warning lines grouped by kind, fewest first, then in order of first appearance. */
export function groupWarnings(lines: readonly string[]): WarningGroup[] {
  const groups = new Map<string, WarningGroup>();
  for (const line of lines) {
    const kind = warningKind(line);
    const group = groups.get(kind);
    if (group) group.count++;
    else groups.set(kind, { count: 1, example: line });
  }
  // Map order is first appearance; the sort is stable.
  return [...groups.values()].sort((a, b) => a.count - b.count);
}

/**
 * The lines to print for `lines` warnings: every one as written (a build promises one line per
 * warning), and past `WARNINGS_IN_FULL` a summary by kind after them, for the person who cannot
 * scroll back through thousands. `fullList` names where all of them were also written, if anywhere.
 */
export function warningReport(lines: readonly string[], fullList?: string): string[] {
  const title = `${count(lines.length)} warning${lines.length === 1 ? '' : 's'}`;
  return [`${title}:`, ...lines.map((line) => `  ${line}`), ...kindSummary(lines, fullList)];
}

/** Warning lines to print one by one: as they are, then past WARNINGS_IN_FULL their summary by kind. */
export const warningsToSay = (lines: readonly string[]): string[] => [...lines, ...kindSummary(lines)];

const count = (n: number) => n.toLocaleString('en-US');

/** Past WARNINGS_IN_FULL lines (warnings, or a failed build's problems), their summary by kind. */
export function kindSummary(lines: readonly string[], fullList?: string, noun = 'warnings'): string[] {
  if (lines.length <= WARNINGS_IN_FULL) return [];
  const groups = groupWarnings(lines);
  const where = fullList ? `; every line is also in ${fullList}` : '';
  const hidden = groups.slice(KINDS_SHOWN);
  return [
    `In all, ${count(lines.length)} ${noun} of ${count(groups.length)} kind${groups.length === 1 ? '' : 's'}, each with its count and first example${where}:`,
    ...groups.slice(0, KINDS_SHOWN).map(({ count: n, example }) => `  ${count(n)}× ${example}`),
    ...(hidden.length ? [`  … and ${count(hidden.length)} more kinds (${count(hidden.reduce((sum, g) => sum + g.count, 0))} lines)`] : []),
  ];
}
