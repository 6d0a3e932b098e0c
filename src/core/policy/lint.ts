import { commonMatch, globMatch, isPattern, literalPrefix, WorkBudget } from './glob.ts';
import { planPattern } from './regex-linear.ts';
import { REGEX_RISK_MESSAGES } from './regex-safety.ts';
import type { Policy } from './schema.ts';

export interface LintFinding {
  severity: 'error' | 'warning';
  path: (string | number)[];
  /** The problem and a hint, without the path (callers put the path in front). */
  message: string;
}

// Past this many unknown names the catalog is probably the wrong one; stop spending time on suggestions.
const MAX_SUGGESTIONS = 100;
// Steps each check may take (a few milliseconds' worth): the validator runs on every keystroke, and a
// shared link fills it, so a crafted policy must not hang the page. Past the budget a check says so.
const CHECK_BUDGET = 500_000;

/** Levenshtein distance, or Infinity as soon as it must exceed `limit` (or the budget runs out). */
export function editDistance(a: string, b: string, limit: number, budget?: WorkBudget): number {
  if (Math.abs(a.length - b.length) > limit) return Infinity;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    if (budget && !budget.spend(b.length + 1)) return Infinity;
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, row[j]!);
    }
    if (best > limit) return Infinity;
    previous = row;
  }
  return previous[b.length]! <= limit ? previous[b.length]! : Infinity;
}

/** The known name closest to `name`, if it is close: one edit for short names, up to three for long ones. */
export function closestName(name: string, known: readonly string[], budget?: WorkBudget): string | undefined {
  const limit = name.length <= 4 ? 1 : name.length <= 10 ? 2 : 3;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    if (budget && !budget.spend(1)) break;
    const distance = editDistance(lower, candidate.toLowerCase(), Math.min(limit, bestDistance), budget);
    // `known` is sorted, so among equally close names the first alphabetically wins.
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

interface CatalogIndex {
  names: ReadonlySet<string>;
  sorted: readonly string[];
}

// The validator page lints on every keystroke against one list of the catalog's tool names (tens of
// thousands): index each list once. A list is read when first seen, so callers must not change it.
const catalogIndexes = new WeakMap<Iterable<string>, CatalogIndex>();
function catalogIndex(knownToolNames: Iterable<string>): CatalogIndex {
  let index = catalogIndexes.get(knownToolNames);
  if (!index) {
    const names = new Set(knownToolNames);
    index = { names, sorted: [...names].sort() };
    catalogIndexes.set(knownToolNames, index);
  }
  return index;
}

function unknownNames(policy: Policy, { names: known, sorted: knownList }: CatalogIndex): LintFinding[] {
  const named: [(string | number)[], string][] = [
    ...(policy.hide ?? []).map((name, index): [(string | number)[], string] => [['hide', index], name]),
    ...Object.keys(policy.tools ?? {}).map((name): [(string | number)[], string] => [['tools', name], name]),
  ];
  const budget = new WorkBudget(CHECK_BUDGET);
  let suggestions = 0;
  return named
    .filter(([, name]) => !isPattern(name) && !known.has(name))
    .map(([path, name]): LintFinding => {
      // Suggestions are a help, not a check: past the budget, names get the plain hint.
      const suggestion = suggestions++ < MAX_SUGGESTIONS ? closestName(name, knownList, budget) : undefined;
      const hint = suggestion ? `did you mean "${suggestion}"?` : 'check the spelling; ignore this if the tool comes from a server the catalog does not list';
      return { severity: 'warning', path, message: `no server in the catalog has a tool named "${name}" (hint: ${hint})` };
    });
}

function tooComplex(path: (string | number)[], what: string): LintFinding {
  return {
    severity: 'warning',
    path,
    message: `too complex to check ${what} in reasonable time, so some may go unreported (hint: name tools exactly, or use fewer patterns)`,
  };
}

function shadowedByHide(policy: Policy): LintFinding[] {
  const findings: LintFinding[] = [];
  const budget = new WorkBudget(CHECK_BUDGET);
  for (const key of Object.keys(policy.tools ?? {})) {
    // globMatch(entry, key) also holds when every name a pattern key matches is hidden (see glob.ts).
    const index = policy.hide?.findIndex((entry) => budget.spend(1 + ((entry.length + key.length) >> 4)) && globMatch(entry, key)) ?? -1;
    if (budget.exhausted) return [...findings, tooComplex(['hide'], 'which rules "hide" makes useless')];
    if (index < 0) continue;
    findings.push({
      severity: 'warning',
      path: ['tools', key],
      message: `hidden by hide[${index}] "${policy.hide![index]}", so this rule never applies (hint: remove the rule, or the entry from "hide")`,
    });
  }
  return findings;
}

function patternTies(policy: Policy): LintFinding[] {
  const byPrefix = new Map<string, string[]>();
  for (const key of Object.keys(policy.tools ?? {}).filter(isPattern)) {
    const prefix = literalPrefix(key);
    const group = byPrefix.get(prefix);
    if (group) group.push(key);
    else byPrefix.set(prefix, [key]);
  }
  const findings: LintFinding[] = [];
  const budget = new WorkBudget(CHECK_BUDGET);
  for (const [prefix, keys] of byPrefix) {
    for (let b = 1; b < keys.length; b++) {
      for (let a = 0; a < b; a++) {
        const example = commonMatch(keys[a]!, keys[b]!, budget);
        if (budget.exhausted) return [...findings, tooComplex(['tools'], 'which patterns tie')];
        if (example === undefined) continue;
        findings.push({
          severity: 'error',
          path: ['tools', keys[b]!],
          message:
            `ties with the pattern "${keys[a]}": both have the literal prefix "${prefix}" and both match "${example}", ` +
            'so neither wins (hint: lengthen one prefix, or name the tools exactly)',
        });
        break;
      }
    }
  }
  return findings;
}

/**
 * Regex conditions evaluation will not run (see conditions.ts): valid, since they compile, but their
 * calls are denied. Those are the ones a backtracking engine could take too long on and that the
 * linear-time engine cannot take either (a lookaround or a back-reference).
 */
function unsafePatterns(policy: Policy): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const [key, rule] of Object.entries(policy.tools ?? {})) {
    for (const field of ['deny_if', 'require'] as const) {
      rule[field]?.forEach((condition, index) => {
        if (condition.op !== 'regex') return;
        const plan = planPattern(condition.value);
        if (plan.engine === 'none') {
          const message = `calls this condition tests are denied, since ${REGEX_RISK_MESSAGES[plan.risk]}; with a lookaround or a back-reference it cannot run on the linear-time engine either`;
          findings.push({ severity: 'warning', path: ['tools', key, field, index, 'value'], message });
        }
      });
    }
  }
  return findings;
}

function defaultAllowWithoutLimits(policy: Policy): LintFinding[] {
  if (policy.default !== 'allow') return [];
  const anyLimit = (policy.all_tools?.limits?.length ?? 0) > 0 || Object.values(policy.tools ?? {}).some((rule) => (rule.limits?.length ?? 0) > 0);
  if (anyLimit) return [];
  return [
    {
      severity: 'warning',
      path: ['default'],
      message:
        '"allow" with no limits anywhere: every tool the policy does not name runs without a limit (hint: add all_tools.limits, or use "default": "deny")',
    },
  ];
}

/**
 * Findings about a policy that the schema accepts: ties are errors (the spec forbids them), the rest
 * warnings, unsafe regex patterns among them, and "too complex to check" when a check runs out of its
 * budget. `knownToolNames` is indexed the first time a given list (object) is seen: pass a new list
 * when the names change.
 */
export function lintPolicy(policy: Policy, knownToolNames?: Iterable<string>): LintFinding[] {
  return [
    ...(knownToolNames ? unknownNames(policy, catalogIndex(knownToolNames)) : []),
    ...shadowedByHide(policy),
    ...patternTies(policy),
    ...unsafePatterns(policy),
    ...defaultAllowWithoutLimits(policy),
  ];
}
