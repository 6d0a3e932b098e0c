import { compileLinear, linearRegexEngine, onLinearRegexEngine, planPattern } from './regex-linear.ts';
import { REGEX_RISK_MESSAGES, type RegexRisk } from './regex-safety.ts';
import type { Condition, Policy } from './schema.ts';

const MISSING = Symbol('missing');

/**
 * The value at `args.a.b` in the call's arguments, or MISSING. Only own enumerable keys count, so
 * `args.constructor` or an array's `length` never resolve to something the caller did not send.
 */
function valueAtPath(args: unknown, path: string): unknown {
  let node = args;
  for (const key of path.split('.').slice(1)) {
    if (node === null || typeof node !== 'object' || !Object.prototype.propertyIsEnumerable.call(node, key)) return MISSING;
    node = (node as Record<string, unknown>)[key];
  }
  return node === undefined ? MISSING : node;
}

/** Deep equality of JSON values, with an explicit stack so deeply nested arguments cannot overflow. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object') return false;
    if (Array.isArray(x) !== Array.isArray(y)) return false;
    const xKeys = Object.keys(x);
    if (xKeys.length !== Object.keys(y).length) return false;
    for (const key of xKeys) {
      if (!Object.prototype.propertyIsEnumerable.call(y, key)) return false;
      stack.push([(x as Record<string, unknown>)[key], (y as Record<string, unknown>)[key]]);
    }
  }
  return true;
}

/**
 * Longest text a `regex` condition runs on. Patterns that backtrack super-linearly run on a
 * linear-time engine; what is left can still take about quadratic time while searching, so the text is capped.
 */
export const MAX_REGEX_INPUT = 2048;

/** A condition that could not be checked, and why: evaluation denies the call (it fails closed). */
export interface Unchecked {
  unchecked: string;
}

interface Matcher {
  test(text: string): boolean;
}

// Compiled once per source; again once a linear-time engine is loaded.
const regexCache = new Map<string, Matcher | Unchecked>();
onLinearRegexEngine(() => regexCache.clear());

/** A pattern a backtracking engine could take too long on runs on the linear-time engine, if it can. */
function linearMatcher(pattern: string | undefined, risk: RegexRisk): Matcher | Unchecked {
  const unsafe = `the pattern is unsafe for a backtracking engine (${REGEX_RISK_MESSAGES[risk]})`;
  if (pattern === undefined) return { unchecked: `${unsafe}, and its lookaround or back-reference keeps it from the linear-time engine` };
  const engine = linearRegexEngine();
  if (!engine) return { unchecked: `${unsafe}, and no linear-time engine is loaded here` };
  try {
    return compileLinear(engine, pattern);
  } catch {
    return { unchecked: `${unsafe}, and it is too large for the linear-time engine` };
  }
}

/** Whether evaluating this policy needs the linear-time engine: a page loads it only then. */
export function needsLinearRegexEngine(policy: Policy): boolean {
  return Object.values(policy.tools ?? {}).some((rule) =>
    [...(rule.require ?? []), ...(rule.deny_if ?? [])].some((condition) => condition.op === 'regex' && planPattern(condition.value).engine === 'linear'),
  );
}

function compiled(source: string): Matcher | Unchecked {
  let regex = regexCache.get(source);
  if (!regex) {
    try {
      new RegExp(source);
      // Policies built in code skip the schema: check here what it would have refused.
      const plan = planPattern(source);
      regex = plan.engine === 'native' ? new RegExp(plan.form) : linearMatcher(plan.engine === 'linear' ? plan.pattern : undefined, plan.risk);
    } catch {
      regex = { unchecked: 'the pattern does not compile' };
    }
    if (regexCache.size > 1000) regexCache.clear();
    regexCache.set(source, regex);
  }
  return regex;
}

/** `a string`, `an array`, `null`: what an argument of the wrong type is, for the reason. */
function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** An argument an op cannot compare (`"20000"` for gt): unchecked, so a `deny_if` cannot be dodged by changing a type. */
const wrongType = (actual: unknown, expected: string): Unchecked => ({ unchecked: `the value is ${typeName(actual)}, not ${expected}` });

function compare(actual: unknown, holds: (n: number) => boolean): boolean | Unchecked {
  return typeof actual === 'number' ? holds(actual) : wrongType(actual, 'a number');
}

function regexHolds(source: string, actual: unknown): boolean | Unchecked {
  if (typeof actual !== 'string') return wrongType(actual, 'a string');
  const regex = compiled(source);
  if ('unchecked' in regex) return regex;
  if (actual.length > MAX_REGEX_INPUT) return { unchecked: `the value is longer than ${MAX_REGEX_INPUT} characters, too long to match a pattern against` };
  return regex.test(actual);
}

/**
 * Whether the condition holds for these arguments. A missing path makes every op false, `exists`
 * included (which a null fails too). A `regex` that cannot be run safely, or an argument of a type the op cannot compare
 * (lt..gte on a non-number, regex on a non-string, contains on neither string nor array), is
 * neither: it is Unchecked.
 */
export function conditionHolds(condition: Condition, args: unknown): boolean | Unchecked {
  const actual = valueAtPath(args, condition.path);
  if (actual === MISSING) return false;
  switch (condition.op) {
    case 'exists':
      // A null is no argument given: `require args.reason exists` must not pass with `"reason": null`.
      return actual !== null;
    case 'eq':
      return jsonEqual(actual, condition.value);
    case 'neq':
      return !jsonEqual(actual, condition.value);
    case 'in':
      return condition.value.some((v) => jsonEqual(v, actual));
    case 'not_in':
      return !condition.value.some((v) => jsonEqual(v, actual));
    case 'lt':
      return compare(actual, (n) => n < condition.value);
    case 'lte':
      return compare(actual, (n) => n <= condition.value);
    case 'gt':
      return compare(actual, (n) => n > condition.value);
    case 'gte':
      return compare(actual, (n) => n >= condition.value);
    case 'contains':
      if (typeof actual === 'string') return typeof condition.value === 'string' && actual.includes(condition.value);
      if (Array.isArray(actual)) return actual.some((item) => jsonEqual(item, condition.value));
      return wrongType(actual, 'a string or an array');
    case 'regex':
      return regexHolds(condition.value, actual);
  }
}

/** `args.amount gt 10000`, `args.reason exists`: how reasons name a condition. */
export function describeCondition(condition: Condition): string {
  return 'value' in condition ? `${condition.path} ${condition.op} ${JSON.stringify(condition.value)}` : `${condition.path} ${condition.op}`;
}
