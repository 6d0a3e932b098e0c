import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { classifyTool } from '../core/classify/classify-tool.ts';
import { evidenceRecord } from '../core/classify/evidence.ts';
import { DataError } from '../core/errors/friendly.ts';
import { parseJsonFile } from '../core/errors/json-text.ts';
import { WARNINGS_IN_FULL, warningReport } from '../core/errors/warning-summary.ts';
import { toolsFromJson } from '../core/import/tools-source.ts';
import { terminalSafe, terminalSafeLines } from '../core/text/terminal-safe.ts';

const HELP = `Usage: policy-atlas classify <file>

Prints, as JSON, how each tool of <file> is classified: a data file (data/servers/<slug>.json) or a
tools/list dump ({"tools": [...]}, a JSON-RPC response, or an array of tools).
Each entry: { "server", "tool", "category", "level", "signals", "confidence", "evidence" }.`;

export async function run(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return 0;
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error(`policy-atlas classify: ${args.length === 0 ? 'give one file' : `unexpected argument "${args.find((a, i) => i > 0 || a.startsWith('-'))}"`}\n\n${HELP}`);
    return 2;
  }
  const file = args[0]!;
  try {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      throw new DataError([`${file}: cannot read the file (${(error as Error).message})`]);
    }
    const source = toolsFromJson(parseJsonFile(text, file), file, basename(file).replace(/\.json$/, ''));
    // What was read as absent or kept despite the spec, on stderr: stdout stays pure JSON.
    if (source.notes.length <= WARNINGS_IN_FULL) for (const note of source.notes) console.error(`policy-atlas classify: warning: ${terminalSafe(note)}`);
    else console.error(warningReport(source.notes.map(terminalSafe)).map((line, i) => (i === 0 ? `policy-atlas classify: ${line}` : line)).join('\n'));
    const rows = source.tools.map((tool) => {
      const { category, level, signals, confidence, evidence } = classifyTool(tool);
      return { server: source.server, tool: tool.name, category, level, signals, confidence, evidence: evidence.map(evidenceRecord) };
    });
    // Line by line: JSON's own line breaks stay, and what stringify leaves raw in strings (C1 controls,
    // bidi marks) becomes a \u escape, which reads back as the same string.
    console.log(terminalSafeLines(JSON.stringify(rows, null, 2)));
    return 0;
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    console.error(error.lines.map((line) => `policy-atlas classify: ${terminalSafe(line)}`).join('\n'));
    return 1;
  }
}
