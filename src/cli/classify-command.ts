import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { classifyTool } from '../core/classify/classify-tool.ts';
import { evidenceRecord } from '../core/classify/evidence.ts';
import { DataError } from '../core/errors/friendly.ts';
import { parseJsonFile } from '../core/errors/json-text.ts';
import { WARNINGS_IN_FULL, warningReport } from '../core/errors/warning-summary.ts';
import { toolsFromJson } from '../core/import/tools-source.ts';
import { terminalSafe, terminalSafeLines } from '../core/text/terminal-safe.ts';
import { readArgs, runCommandLine, UsageError } from './command-line.ts';
import type { CommandIO } from './io.ts';

const HELP = `Usage: policy-atlas classify <file>

Prints, as JSON, how each tool of <file> is classified: a data file (data/servers/<slug>.json) or a
tools/list dump ({"tools": [...]}, a JSON-RPC response, or an array of tools).
Each entry: { "server", "tool", "category", "level", "signals", "confidence", "evidence" }.`;

/** The one file to classify: a usage error for none, more, or an option. */
function parseClassifyArgs(args: string[]): string {
  const { positionals } = readArgs(args, {}, { positionals: true });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'give one file' : `unexpected argument "${positionals[1]}"`);
  return positionals[0]!;
}

export function run(args: string[], io: CommandIO): Promise<number> {
  return runCommandLine(args, io, { prefix: 'policy-atlas classify: ', help: HELP, parse: parseClassifyArgs }, async (file) => classify(file, io));
}

function classify(file: string, io: CommandIO): number {
  const warn = (line: string) => io.err(`${line}\n`);
  try {
    let text: string;
    try {
      text = readFileSync(resolve(io.cwd, file), 'utf8');
    } catch (error) {
      throw new DataError([`${file}: cannot read the file (${(error as Error).message})`]);
    }
    const source = toolsFromJson(parseJsonFile(text, file), file, basename(file).replace(/\.json$/, ''));
    // What was read as absent or kept despite the spec, on stderr: stdout stays pure JSON.
    if (source.notes.length <= WARNINGS_IN_FULL) for (const note of source.notes) warn(`policy-atlas classify: warning: ${terminalSafe(note)}`);
    else
      warn(
        warningReport(source.notes.map(terminalSafe))
          .map((line, i) => (i === 0 ? `policy-atlas classify: ${line}` : line))
          .join('\n'),
      );
    const rows = source.tools.map((tool) => {
      const { category, level, signals, confidence, evidence } = classifyTool(tool);
      return { server: source.server, tool: tool.name, category, level, signals, confidence, evidence: evidence.map(evidenceRecord) };
    });
    // Line by line: JSON's own line breaks stay, and what stringify leaves raw in strings (C1 controls,
    // bidi marks) becomes a \u escape, which reads back as the same string.
    io.out(`${terminalSafeLines(JSON.stringify(rows, null, 2))}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    warn(error.lines.map((line) => `policy-atlas classify: ${terminalSafe(line)}`).join('\n'));
    return 1;
  }
}
