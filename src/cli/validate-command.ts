import { readFileSync, statSync } from 'node:fs';
import { loadCatalogDir } from '../build/catalog/load.ts';
import { DataError } from '../core/errors/friendly.ts';
import { DEFAULT_MAX_BYTES, tooLargeProblem, validatePolicyText, type Problem, type ValidationResult } from '../core/policy/validate.ts';

const HELP = `Usage: policy-atlas validate <policy.json> [--catalog <dir>] [--json]

Checks a policy document (policy v1): JSON syntax, the schema, and lint findings.
  --catalog <dir>  also warn about tool names no server in <dir>/servers/*.json has
  --json           print { "ok": …, "problems": [...] } instead of lines

Exit status: 0 valid (warnings allowed), 1 invalid, 2 usage error or unreadable file.`;

function usageError(message: string): number {
  console.error(`policy-atlas validate: ${message}\n\n${HELP}`);
  return 2;
}

/** `policy.json:12:5 error › tools.x.limits[0].max: expected …`, like a compiler, so editors can jump to it. */
function problemLine(file: string, problem: Problem): string {
  const where = problem.line === undefined ? file : `${file}:${problem.line}:${problem.column}`;
  return `${where} ${problem.severity}${problem.path ? ' ›' : ':'} ${problem.message}`;
}

function summary(file: string, result: ValidationResult): string {
  const count = (severity: Problem['severity']) => result.problems.filter((p) => p.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const counts = `${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`;
  return `${file}: ${result.ok ? 'valid' : 'invalid'} (${counts}${result.omittedProblems ? `, ${result.omittedProblems} more not shown` : ''})`;
}

export async function run(args: string[]): Promise<number> {
  let file: string | undefined;
  let catalog: string | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(HELP);
      return 0;
    }
    if (arg === '--json') json = true;
    else if (arg === '--catalog') {
      catalog = args[++i];
      if (!catalog) return usageError('--catalog needs a directory');
    } else if (arg.startsWith('-')) return usageError(`unknown option "${arg}"`);
    else if (file === undefined) file = arg;
    else return usageError(`one policy file at a time (got "${file}" and "${arg}")`);
  }
  if (file === undefined) return usageError('which policy file? (give its path)');

  let knownToolNames: string[] | undefined;
  if (catalog !== undefined) {
    try {
      knownToolNames = loadCatalogDir(catalog).flatMap((server) => server.data.tools.map((tool) => tool.name));
    } catch (error) {
      if (!(error instanceof DataError)) throw error;
      console.error(`policy-atlas validate: cannot use the catalog "${catalog}":\n${error.lines.join('\n')}`);
      return 2;
    }
  }

  let result: ValidationResult;
  try {
    // Refuse a huge file before reading it into memory; validatePolicyText checks pasted text the same way.
    if (statSync(file).size > DEFAULT_MAX_BYTES) result = { ok: false, problems: [tooLargeProblem(DEFAULT_MAX_BYTES)] };
    else result = validatePolicyText(readFileSync(file, 'utf8'), { knownToolNames });
  } catch (error) {
    console.error(`policy-atlas validate: cannot read "${file}" (${(error as Error).message})`);
    return 2;
  }

  if (json) {
    console.log(JSON.stringify({ ok: result.ok, problems: result.problems, ...(result.omittedProblems ? { omittedProblems: result.omittedProblems } : {}) }, null, 2));
  } else {
    for (const problem of result.problems) console.log(problemLine(file, problem));
    console.log(summary(file, result));
  }
  return result.ok ? 0 : 1;
}
