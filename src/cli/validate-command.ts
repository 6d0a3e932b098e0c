import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadCatalogDir } from '../build/catalog/load.ts';
import { DataError } from '../core/errors/friendly.ts';
import { plural } from '../core/text/plural.ts';
import { readArgs, runCommandLine, UsageError } from './command-line.ts';
import type { CommandIO } from './io.ts';
import { DEFAULT_MAX_BYTES, tooLargeProblem, validatePolicyText, type Problem, type ValidationResult } from '../core/policy/validate.ts';

const HELP = `Usage: policy-atlas validate <policy.json> [--catalog <dir>] [--json]

Checks a policy document (policy v1): JSON syntax, the schema, and lint findings.
  --catalog <dir>  also warn about tool names no server in <dir>/servers/*.json has
  --json           print { "ok": …, "problems": [...] } instead of lines

Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error or unreadable file.`;

/** `policy.json:12:5 error › tools.x.limits[0].max: expected …`, like a compiler, so editors can jump to it. */
function problemLine(file: string, problem: Problem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}:${problem.column}`;
  return `${where} ${problem.severity}${problem.path ? ' ›' : ':'} ${problem.message}`;
}

function summary(file: string, result: ValidationResult): string {
  const count = (severity: Problem['severity']) => result.problems.filter((p) => p.severity === severity).length;
  const counts = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`;
  return `${file}: ${result.ok ? 'valid' : 'invalid'} (${counts}${result.omittedProblems ? `, ${result.omittedProblems} more not shown` : ''})`;
}

interface ValidateOptions {
  file: string;
  catalog?: string;
  json: boolean;
}

function parseValidateArgs(args: string[]): ValidateOptions {
  const { values, positionals } = readArgs(
    args,
    { catalog: { type: 'string' }, json: { type: 'boolean', default: false } },
    {
      positionals: true,
      wording: { unknownOption: (option) => `unknown option "${option}"`, missingValue: () => '--catalog needs a directory' },
    },
  );
  const [file, another] = positionals;
  if (file === undefined) throw new UsageError('which policy file? (give its path)');
  if (another !== undefined) throw new UsageError(`one policy file at a time (got "${file}" and "${another}")`);
  return { file, ...(values.catalog === undefined ? {} : { catalog: values.catalog }), json: values.json };
}

export function run(args: string[], io: CommandIO): Promise<number> {
  return runCommandLine(args, io, { prefix: 'policy-atlas validate: ', help: HELP, parse: parseValidateArgs }, async (options) => validate(options, io));
}

function validate({ file, catalog, json }: ValidateOptions, io: CommandIO): number {
  let knownToolNames: string[] | undefined;
  if (catalog !== undefined) {
    try {
      knownToolNames = loadCatalogDir(resolve(io.cwd, catalog), io.cwd).flatMap((server) => server.data.tools.map((tool) => tool.name));
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      io.err(`policy-atlas validate: cannot use the catalog "${catalog}":\n${error.lines.join('\n')}\n`);
      return 2;
    }
  }

  let result: ValidationResult;
  try {
    // Refuse a huge file before reading it into memory; validatePolicyText checks pasted text the same way.
    const path = resolve(io.cwd, file);
    if (statSync(path).size > DEFAULT_MAX_BYTES) result = { ok: false, problems: [tooLargeProblem(DEFAULT_MAX_BYTES)] };
    else result = validatePolicyText(readFileSync(path, 'utf8'), { knownToolNames });
  } catch (error) {
    io.err(`policy-atlas validate: cannot read "${file}" (${(error as Error).message})\n`);
    return 2;
  }

  if (json) {
    io.out(
      `${JSON.stringify({ ok: result.ok, problems: result.problems, ...(result.omittedProblems ? { omittedProblems: result.omittedProblems } : {}) }, null, 2)}\n`,
    );
  } else {
    for (const problem of result.problems) io.out(`${problemLine(file, problem)}\n`);
    io.out(`${summary(file, result)}\n`);
  }
  return result.ok ? 0 : 1;
}
