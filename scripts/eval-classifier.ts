/**
 * Accuracy harness: classifies every tool of some tools/list dumps with the annotations hidden, then
 * compares with the authors' hints.
 * Usage: npm run eval:classifier -- <dir or file>... [--split] [--seed N] [--json] [--errors tuning|checking|all] [--flags] [--labels <file>] [--write]
 * Every run also prints two label-free shares (tools whose main verb reads rated high or critical, tools
 * whose verb changes something rated read); --flags lists the tools behind them. --labels compares with
 * blind labels (tests/fixtures/eval/docker-blind-labels.json), with 95% intervals.
 * --split divides the servers (one file each) into a tuning half and a checking half with a fixed
 * seed and prints the figures of both: tune rules on the first half's errors, the gap is the overfit.
 * --write stores the figures (counts only, no server's name or text) in <CATALOG_DIR or data>/accuracy.json,
 * which the site publishes at /methodology/accuracy/.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { accuracyReport } from '../src/core/classify/accuracy-report.ts';
import { ACCURACY_FILE } from '../src/core/catalog/accuracy-text.ts';
import { classifyTool } from '../src/core/classify/classify-tool.ts';
import { computeFigures, confusion, figureErrors, figuresJson, type EvalFigures, type EvalSample, type Share } from '../src/core/classify/eval-metrics.ts';
import { HINT_CLASSES } from '../src/core/schema/accuracy.ts';
import { DEFAULT_SPLIT_SEED, splitByServer } from '../src/core/classify/eval-split.ts';
import { DataError } from '../src/core/errors/friendly.ts';
import { parseJsonFile } from '../src/core/errors/json-text.ts';
import { parseToolsList } from '../src/core/import/parse-tools-list.ts';
import { toolsFromJson } from '../src/core/import/tools-source.ts';
import { CATEGORIES, LEVELS } from '../src/core/risk.ts';
import { labelFreeFigures, labelFreeFlag, type LabelFreeSample } from '../src/core/classify/label-free.ts';
import { BlindLabelsSchema, labelAgreement, type Proportion } from '../src/core/classify/label-agreement.ts';
import { createHash } from 'node:crypto';
import type { Tool } from '../src/core/schema/server.ts';

const USAGE =
  'Usage: npm run eval:classifier -- <dir or file>... [--split] [--seed N] [--json] [--errors tuning|checking|all] [--flags] [--labels <file>] [--write]';

interface Options {
  paths: string[];
  json: boolean;
  split: boolean;
  seed: number;
  errors?: 'tuning' | 'checking' | 'all';
  flags: boolean;
  labels?: string;
  write: boolean;
}

function parseArgs(args: readonly string[]): Options {
  const options: Options = { paths: [], json: false, split: false, seed: DEFAULT_SPLIT_SEED, flags: false, write: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--json') options.json = true;
    else if (arg === '--write') options.write = true;
    else if (arg === '--flags') options.flags = true;
    else if (arg === '--labels') {
      options.labels = args[++i];
      if (!options.labels) throw new Error('--labels takes a file of blind labels');
    } else if (arg === '--split') options.split = true;
    else if (arg === '--seed') {
      const seed = Number(args[++i]);
      if (!Number.isInteger(seed)) throw new Error(`--seed takes an integer, got ${JSON.stringify(args[i] ?? '')}`);
      options.seed = seed;
      options.split = true;
    } else if (arg === '--errors') {
      const half = args[++i];
      if (half !== 'tuning' && half !== 'checking' && half !== 'all')
        throw new Error(`--errors takes tuning, checking or all, got ${JSON.stringify(half ?? '')}`);
      options.errors = half;
    } else if (arg.startsWith('-')) throw new Error(`unknown option ${arg}`);
    else options.paths.push(arg);
  }
  if (options.paths.length === 0) throw new Error('give a folder of tools/list dumps, or files');
  if (options.errors && options.errors !== 'all') options.split = true;
  return options;
}

let options: Options;
try {
  options = parseArgs(process.argv.slice(2));
} catch (error) {
  console.error(`eval-classifier: ${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}

/** The files to read: a folder's `.json` files, and files named on the command line whatever their name. */
function listFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(path).isDirectory();
    } catch (error) {
      console.error(`eval-classifier: cannot read ${path} (${(error as Error).message})`);
      process.exit(2);
    }
    if (!isDirectory) files.push(path);
    else
      files.push(
        ...readdirSync(path)
          .filter((n) => n.toLowerCase().endsWith('.json'))
          .sort()
          .map((n) => join(path, n))
          .filter((p) => statSync(p).isFile()),
      );
  }
  return files;
}

/**
 * A file's tools read as `import` reads them (any tools/list shape), else as a catalog data file:
 * whatever import accepts is measured, not skipped.
 */
function readTools(path: string): Tool[] {
  const json = parseJsonFile(readFileSync(path, 'utf8'), path);
  try {
    return parseToolsList(json, path).tools;
  } catch (importError) {
    if (!(importError instanceof DataError)) throw importError;
    try {
      return toolsFromJson(json, path, basename(path)).tools;
    } catch {
      throw importError;
    }
  }
}

interface Server {
  file: string;
  samples: (EvalSample & LabelFreeSample & { tool: string })[];
}

const servers: Server[] = [];
const problems: string[] = [];
for (const file of listFiles(options.paths)) {
  try {
    const samples = readTools(file).map((tool) => {
      // The classifier must not see the answer key, nor an editor's override.
      const { annotations, overrides: _overrides, ...definition } = tool;
      const { category, level } = classifyTool(definition);
      return { tool: tool.name, name: tool.name, description: tool.description, ...(annotations ? { annotations } : {}), category, level };
    });
    servers.push({ file, samples });
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    problems.push(...error.lines);
  }
}
for (const line of problems) console.error(`eval-classifier: skipped: ${line}`);

const halves = splitByServer(servers, (s) => basename(s.file), options.seed);
const figuresOf = (group: readonly Server[]) => computeFigures(group.flatMap((s) => s.samples));
const groups: [string, Server[]][] = [
  ['all', servers],
  ...(options.split
    ? ([
        ['tuning', halves.tuning],
        ['checking', halves.checking],
      ] as [string, Server[]][])
    : []),
];

if (options.json) {
  const entry = (group: readonly Server[]) => ({
    servers: group.length,
    ...figuresJson(figuresOf(group)),
    labelFree: labelFreeFigures(group.flatMap((s) => s.samples)),
  });
  const out: Record<string, unknown> = options.split
    ? {
        seed: options.seed,
        ...Object.fromEntries(groups.map(([name, group]) => [name, entry(group)])),
        tuningServers: halves.tuning.map((s) => basename(s.file)),
        checkingServers: halves.checking.map((s) => basename(s.file)),
      }
    : entry(servers);
  console.log(JSON.stringify(out));
} else {
  const table = (title: string, columns: readonly string[], rows: Record<string, Record<string, number>>) => {
    const width = Math.max(...columns.map((c) => c.length), 5) + 2;
    const lines = [`${title.padEnd(14)}${columns.map((c) => c.padStart(width)).join('')}`];
    for (const hint of HINT_CLASSES) lines.push(`${hint.padEnd(14)}${columns.map((c) => String(rows[hint]![c]).padStart(width)).join('')}`);
    return lines.join('\n');
  };
  const shown = (s: Share) => (s.share === null ? 'n/a (nothing to measure)' : `${(s.share * 100).toFixed(1)}% (${s.count} of ${s.of})`);
  const lines = (f: EvalFigures) => [
    `readOnWrites         ${shown(f.readOnWrites)}   readOnlyHint false, classified read (lower is better)`,
    `harmlessDestructive  ${shown(f.harmlessDestructive)}   destructiveHint true, classified read or rated low (lower is better)`,
    `readRecall           ${shown(f.readRecall)}   readOnlyHint true, classified read (higher is better)`,
    `falseAlarm           ${shown(f.falseAlarm)}   readOnlyHint true, rated high or critical (lower is better)`,
    `agreement            ${shown(f.agreement)}   read vs not read, where readOnlyHint is given (higher is better)`,
  ];
  const samples = servers.flatMap((s) => s.samples);
  const matrix = confusion(samples);
  console.log(`${samples.length} tools from ${servers.length} files; rows: author hints, columns: classifier (annotations hidden)\n`);
  console.log(table('hint \\ cat.', CATEGORIES, matrix.byCategory));
  console.log();
  console.log(table('hint \\ level', LEVELS, matrix.byLevel));
  for (const [name, group] of groups) {
    const tools = group.reduce((n, s) => n + s.samples.length, 0);
    console.log(`\n${name}: ${group.length} servers, ${tools} tools${name === 'all' ? '' : ` (seed ${options.seed})`}`);
    console.log(lines(figuresOf(group)).join('\n'));
    const free = labelFreeFigures(group.flatMap((s) => s.samples));
    const ratio = (f: { count: number; of: number }) => (f.of === 0 ? 'n/a' : `${((f.count / f.of) * 100).toFixed(1)}% (${f.count} of ${f.of})`);
    console.log(`readVerbAlarm        ${ratio(free.readVerbAlarm)}   main verb reads, rated high or critical (label-free; lower is better)`);
    console.log(
      `changeVerbRead       ${ratio(free.changeVerbRead)}   main verb creates, changes, sends, deletes, pays or runs, rated read (label-free; lower is better)`,
    );
  }
  if (options.split) {
    const tuning = figuresJson(figuresOf(halves.tuning));
    const checking = figuresJson(figuresOf(halves.checking));
    const gap = (['readOnWrites', 'harmlessDestructive', 'readRecall', 'falseAlarm', 'agreement'] as const).map(
      (k) => `${k} ${tuning[k] === null || checking[k] === null ? 'n/a' : `${((checking[k]! - tuning[k]!) * 100).toFixed(1)} pts`}`,
    );
    console.log(`\ngap (checking - tuning): ${gap.join(', ')}`);
  }
}

if (options.errors) {
  const group = options.errors === 'all' ? servers : halves[options.errors];
  for (const server of group) {
    for (const sample of server.samples) {
      const errors = figureErrors(sample);
      if (errors.length > 0) console.error(`${errors.join(',')}\t${basename(server.file)}\t${sample.tool}\t${sample.category}/${sample.level}`);
    }
  }
}
if (options.flags) {
  for (const server of servers) {
    for (const sample of server.samples) {
      const flag = labelFreeFlag(sample);
      if (flag)
        console.error(`${flag.check}\t${basename(server.file)}\t${sample.tool}\t${flag.verb.verb} (${flag.verb.where})\t${sample.category}/${sample.level}`);
    }
  }
}
if (options.labels) {
  const { labels } = BlindLabelsSchema.parse(parseJsonFile(readFileSync(options.labels, 'utf8'), options.labels));
  const hash = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 16);
  const byKey = new Map(servers.flatMap((s) => s.samples.map((sample) => [`${basename(s.file)}#${hash(sample.tool)}`, sample] as const)));
  const pairs = labels.flatMap((label) => {
    const rated = byKey.get(`${label.file}#${label.tool}`);
    return rated ? [{ label, rated }] : [];
  });
  const missing = labels.length - pairs.length;
  const agreement = labelAgreement(pairs);
  const shown = (p: Proportion) =>
    p.of === 0
      ? 'n/a (no labeled tool here)'
      : `${((p.count / p.of) * 100).toFixed(1)}% (${p.count} of ${p.of}; 95% CI ${(p.low * 100).toFixed(1)}–${(p.high * 100).toFixed(1)}%)`;
  console.log(`\nblind labels: ${pairs.length} tools${missing > 0 ? ` (${missing} labels name tools not found)` : ''}`);
  console.log(`same category        ${shown(agreement.category)}`);
  console.log(`read or not          ${shown(agreement.readOrNot)}`);
  console.log(`reads recognized     ${shown(agreement.readRecall)}`);
  console.log(`reads rated high+    ${shown(agreement.readAlarm)}`);
  console.log(`writes rated read    ${shown(agreement.readOnWrites)}`);
  if (options.errors === 'all') {
    for (const { label, rated } of pairs) {
      if (label.category !== rated.category || (label.readOnly && (rated.level === 'high' || rated.level === 'critical'))) {
        console.error(
          `label\t${label.file}\t${(rated as { tool: string }).tool}\treader ${label.category}/${label.level}\tclassifier ${rated.category}/${rated.level}`,
        );
      }
    }
  }
}
if (options.write) {
  const target = resolve(process.env.CATALOG_DIR ?? 'data', ACCURACY_FILE);
  if (problems.length > 0) {
    // Figures that leave a server out would be published as if they covered the whole corpus.
    console.error(`eval-classifier: not writing ${target}: ${problems.length} problem${problems.length === 1 ? '' : 's'} above`);
  } else {
    const measured = servers.map((s) => ({ key: basename(s.file), samples: s.samples }));
    const report = accuracyReport(measured, options.seed, new Date().toISOString().slice(0, 10));
    writeFileSync(target, `${JSON.stringify(report, null, 2)}\n`);
    console.error(`eval-classifier: wrote ${target}`);
  }
}
process.exitCode = problems.length > 0 ? 1 : 0;
