import { issueText, schemaIssues } from '../errors/friendly.ts';
import { parseJsonText, withoutByteOrderMark } from '../errors/json-text.ts';
import { lineLocator, locatePaths } from '../text/json-locate.ts';
import type { JsonPath } from '../text/json-scan.ts';
import { lintPolicy } from './lint.ts';
import { PolicySchema, type Policy } from './schema.ts';

export interface Problem {
  severity: 'error' | 'warning';
  kind: 'syntax' | 'schema' | 'lint';
  /** `tools.x.limits[0].max: expected …, got …`, or for syntax `not valid JSON: …`; ends with a hint where one helps. */
  message: string;
  line?: number;
  column?: number;
  path?: JsonPath;
}

export interface ValidationResult {
  /** True when no problem is an error (warnings allowed). */
  ok: boolean;
  /** The parsed policy, whenever the schema accepts it (also with lint findings). */
  policy?: Policy;
  problems: Problem[];
  /** Problems beyond the first MAX_PROBLEMS, counted but not listed. */
  omittedProblems?: number;
}

export interface ValidateOptions {
  /** Tool names of the catalog, for "no server has this tool" warnings. */
  knownToolNames?: Iterable<string>;
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;
export const MAX_DEPTH = 64;
const MAX_PROBLEMS = 100;

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

/** Whether the UTF-8 encoding of `text` exceeds `max` bytes, counted without encoding (and stopping early). */
export function utf8Exceeds(text: string, max: number): boolean {
  if (text.length > max) return true;
  if (text.length * 3 <= max) return false;
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= max; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes > max;
}

export function tooLargeProblem(
  maxBytes: number,
  limit = 'the most a policy may be',
  hint = 'a policy is usually a few kilobytes; check that this is the right file',
): Problem {
  return { severity: 'error', kind: 'syntax', message: issueText({ message: `the text is larger than ${formatBytes(maxBytes)}, ${limit}`, hint }) };
}

/** The schema's problems, one per zod issue, in friendly.ts's wording, with the path each one names. */
function schemaProblems(json: unknown): { policy?: Policy; problems: Problem[] } {
  const result = schemaIssues(PolicySchema, json);
  if (result.ok) return { policy: result.data, problems: [] };
  return { problems: result.issues.map((issue) => ({ severity: 'error', kind: 'schema', message: issueText(issue), path: [...issue.path] })) };
}

/**
 * Checks a policy document as pasted or read from a file: size and nesting first (fast, before any
 * parser sees the text), then JSON syntax, the schema, and lint. Runs in the browser as well.
 */
export function validatePolicyText(input: string, options: ValidateOptions = {}): ValidationResult {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (utf8Exceeds(input, maxBytes)) return { ok: false, problems: [tooLargeProblem(maxBytes)] };
  const text = withoutByteOrderMark(input);

  const parsed = parseJsonText(text, { maxDepth: MAX_DEPTH });
  if (!parsed.ok) {
    const { message, hint, line, column } = parsed.issue;
    return {
      ok: false,
      problems: [
        {
          severity: 'error',
          kind: 'syntax',
          message: issueText({ message: `not valid JSON: ${message}`, hint }),
          ...(line === undefined ? {} : { line, column }),
        },
      ],
    };
  }

  const toPosition = lineLocator(text);
  const problems: Problem[] = parsed.duplicateKeys.map(({ path, offset }) => ({
    severity: 'warning',
    kind: 'lint',
    message: issueText({ path, message: 'this key appears more than once and JSON keeps only the last', hint: 'merge the two, or remove one' }),
    path,
    ...toPosition(offset),
  }));
  const { policy, problems: schema } = schemaProblems(parsed.value);
  problems.push(...schema);
  if (policy) {
    for (const finding of lintPolicy(policy, options.knownToolNames)) {
      problems.push({ severity: finding.severity, kind: 'lint', message: issueText({ path: finding.path, message: finding.message }), path: finding.path });
    }
  }

  const located = problems.filter((problem) => problem.path && problem.line === undefined);
  const offsets =
    located.length > 0
      ? locatePaths(
          text,
          located.map((problem) => problem.path!),
          MAX_DEPTH,
        )
      : [];
  located.forEach((problem, index) => Object.assign(problem, toPosition(offsets[index]!)));
  // Top to bottom, as an editor shows the text (the sort is stable for problems on one line).
  problems.sort((a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || (a.column ?? 0) - (b.column ?? 0));

  const ok = !problems.some((problem) => problem.severity === 'error');
  const shown = problems.slice(0, MAX_PROBLEMS);
  const omitted = problems.length - shown.length;
  return { ok, ...(policy ? { policy } : {}), problems: shown, ...(omitted > 0 ? { omittedProblems: omitted } : {}) };
}
