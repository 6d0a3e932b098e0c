/**
 * Accuracy harness: classifies every tool of a folder of tools/list dumps with the annotations
 * hidden, then compares with the authors' hints. Usage: npm run eval:classifier -- <dir> [--json]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyTool } from '../src/core/classify/classify-tool.ts';
import { computeFigures, confusion, figuresJson, HINT_CLASSES, type EvalSample, type Share } from '../src/core/classify/eval-metrics.ts';
import { DataError } from '../src/core/errors/friendly.ts';
import { parseJsonText } from '../src/core/import/parse-tools-list.ts';
import { toolsFromJson } from '../src/core/import/tools-source.ts';
import { CATEGORIES, LEVELS } from '../src/core/risk.ts';

const args = process.argv.slice(2);
const json = args.includes('--json');
const dirs = args.filter((a) => a !== '--json');
if (dirs.length !== 1 || dirs[0]!.startsWith('-')) {
  console.error('Usage: npm run eval:classifier -- <dir of tools/list dumps> [--json]');
  process.exit(2);
}
const dir = dirs[0]!;

let names: string[];
try {
  names = readdirSync(dir).filter((n) => n.endsWith('.json')).sort();
} catch (error) {
  console.error(`eval-classifier: cannot read ${dir} (${(error as Error).message})`);
  process.exit(2);
}

const samples: EvalSample[] = [];
const problems: string[] = [];
let files = 0;
for (const name of names) {
  const path = join(dir, name);
  try {
    const source = toolsFromJson(parseJsonText(readFileSync(path, 'utf8'), path), path, name.replace(/\.json$/, ''));
    for (const tool of source.tools) {
      // The classifier must not see the answer key, nor an editor's override.
      const { annotations, overrides: _overrides, ...definition } = tool;
      const { category, level } = classifyTool(definition);
      samples.push({ ...(annotations ? { annotations } : {}), category, level });
    }
    files++;
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    problems.push(...error.lines);
  }
}
for (const line of problems) console.error(`eval-classifier: skipped: ${line}`);

const figures = computeFigures(samples);
if (json) {
  console.log(JSON.stringify(figuresJson(figures)));
} else {
  const table = (title: string, columns: readonly string[], rows: Record<string, Record<string, number>>) => {
    const width = Math.max(...columns.map((c) => c.length), 5) + 2;
    const lines = [`${title.padEnd(14)}${columns.map((c) => c.padStart(width)).join('')}`];
    for (const hint of HINT_CLASSES) lines.push(`${hint.padEnd(14)}${columns.map((c) => String(rows[hint]![c]).padStart(width)).join('')}`);
    return lines.join('\n');
  };
  const shown = (s: Share) => (s.share === null ? 'n/a (nothing to measure)' : `${(s.share * 100).toFixed(1)}% (${s.count} of ${s.of})`);
  const matrix = confusion(samples);
  console.log(`${figures.tools} tools from ${files} files in ${dir}; rows: author hints, columns: classifier (annotations hidden)\n`);
  console.log(table('hint \\ cat.', CATEGORIES, matrix.byCategory));
  console.log();
  console.log(table('hint \\ level', LEVELS, matrix.byLevel));
  console.log();
  console.log(`readOnWrites         ${shown(figures.readOnWrites)}   readOnlyHint false, classified read (lower is better)`);
  console.log(`harmlessDestructive  ${shown(figures.harmlessDestructive)}   destructiveHint true, classified read or rated low (lower is better)`);
  console.log(`readRecall           ${shown(figures.readRecall)}   readOnlyHint true, classified read (higher is better)`);
  console.log(`agreement            ${shown(figures.agreement)}   read vs not read, where readOnlyHint is given (higher is better)`);
}
process.exitCode = problems.length > 0 ? 1 : 0;
