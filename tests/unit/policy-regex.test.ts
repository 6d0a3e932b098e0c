import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_REGEX_INPUT } from '../../src/core/policy/conditions.ts';
import { evaluatePolicy } from '../../src/core/policy/evaluate.ts';
import { regexRisk, type RegexRisk } from '../../src/core/policy/regex-safety.ts';
import { searchForm } from '../../src/core/policy/regex-search.ts';
import type { Condition, Policy } from '../../src/core/policy/schema.ts';
import { validatePolicyText } from '../../src/core/policy/validate.ts';
import { fastestRun } from '../support/timing.ts';

describe('regexRisk', () => {
  it.each<[string, RegexRisk | undefined]>([
    // Safe: no loop can read one text two ways, no two loops can share one.
    ['^hello', undefined],
    ['.*', undefined],
    ['a*b', undefined],
    ['(a|b)*c', undefined],
    ['(a|ab)*c', undefined],
    ['^([a-z]+,)*[a-z]+$', undefined],
    ['^[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+$', undefined],
    ['^\\d{1,3}(\\.\\d{1,3}){3}$', undefined],
    ['^\\s*\\w+\\s*$', undefined],
    ['(\\w+)\\s\\1', undefined],
    ['[a-f0-9]{32}', undefined],
    ['(^|/)\\.\\.(/|$)|^~|/\\.ssh/|\\.env$', undefined], // what recommend.ts writes for path arguments
    // Exponential: a repeat inside a repeat, alternatives that overlap under a repeat.
    ['^(a+)+$', 'exponential'],
    ['(a*)*b', 'exponential'],
    ['(a|a)*', 'exponential'],
    ['(\\w+\\s?)+$', 'exponential'],
    ['(?:a{1,2})*', 'exponential'],
    ['(a(b?)?c)*', 'exponential'],
    ['(?=(a+)+b)', 'exponential'],
    ['(?i:a|A)*', 'exponential'],
    ['^(a?){24}$', 'exponential'],
    ['(a|aa){0,20}b', 'exponential'],
    // Polynomial: two loops that can read the same text one after the other.
    ['a*a*b', 'polynomial'],
    ['.*.*.*x', 'polynomial'],
    ['.*foo.*', 'polynomial'],
    ['\\s*\\s*$', 'polynomial'],
    ['[a-c]+[c-e]+', 'polynomial'],
    ['(.*)\\1', 'polynomial'],
    // No loop, yet one text read in 2^n ways: a backtracking engine tries them all (issue 29).
    ['(?:a|a)'.repeat(30), 'many-ways'],
    ['a?'.repeat(30) + 'a'.repeat(30), 'many-ways'],
    ['x*' + '(?:a|a)'.repeat(8), 'many-ways'],
    ['(?:ab|a.)'.repeat(8), 'many-ways'],
    // Choices one character tells apart, and small counts, stay with JavaScript.
    ['(?:a|b)'.repeat(30), undefined],
    ['(?:ab|ac)'.repeat(30), undefined],
    ['(?:a|a)'.repeat(6), undefined],
    ['a?'.repeat(7) + 'a'.repeat(7), undefined],
    ['^(?:\\d{1,3}\\.){3}\\d{1,3}:\\d{1,5}$', undefined],
    ['^\\+?1?\\s?\\(?\\d{3}\\)?[\\s.-]?\\d{3}[\\s.-]?\\d{4}$', undefined],
    ['[ab]?a[ab]*', undefined],
    // Too long to check.
    ['x'.repeat(501), 'too-complex'],
  ])('%s -> %s', (source, risk) => {
    expect(regexRisk(source)).toBe(risk);
  });

  it('never throws on a pattern that compiles', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'()[]{}|*+?.^$\\-:=!<>,0123abkcuxdwsbBi'.split('')), maxLength: 24 }), (source) => {
        try {
          new RegExp(source);
        } catch {
          return;
        }
        regexRisk(source);
      }),
      { numRuns: 3000 },
    );
  });
});

// Patterns over a and b, built from the constructs that make backtracking slow.
const patterns = fc.letrec((tie) => ({
  pattern: fc.oneof({ depthSize: 'small' }, tie('atom'), tie('sequence'), tie('choice'), tie('repeat')),
  atom: fc.constantFrom('a', 'b', '[ab]', '.', '\\w', '^', '$', '\\b', '(?:)'),
  sequence: fc.array(tie('pattern'), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')),
  choice: fc.array(tie('pattern'), { minLength: 2, maxLength: 3 }).map((parts) => `(?:${parts.join('|')})`),
  repeat: fc
    .tuple(tie('pattern'), fc.constantFrom('*', '+', '?', '{2}', '{0,3}', '{1,}', '{2,5}', '*?', '{0,12}'))
    .map(([part, times]) => `(?:${part})${times}`),
}));
const pattern = patterns.pattern as fc.Arbitrary<string>;

describe('patterns regexRisk accepts', () => {
  it('finish quickly on the longest text a condition runs on, however it is built', () => {
    fc.assert(
      fc.property(
        pattern,
        fc.array(fc.constantFrom('a', 'b', 'ab', 'aab', 'ba'), { minLength: 1, maxLength: 3 }),
        fc.constantFrom('', '!'),
        (source, pieces, tail) => {
          fc.pre(regexRisk(source) === undefined);
          const unit = pieces.join('');
          const text = unit.repeat(Math.ceil(MAX_REGEX_INPUT / unit.length)).slice(0, MAX_REGEX_INPUT - tail.length) + tail;
          const regex = new RegExp(source);
          // Generous: what matters is the gap to the seconds or hours an unsafe pattern takes.
          expect(fastestRun(() => regex.test(text), 1)).toBeLessThan(1000);
        },
      ),
      { numRuns: 1500 },
    );
  });
});

// Patterns without loops whose parts can read one text several ways: the count, not a loop, decides.
const loopFree = fc
  .array(fc.constantFrom('a', 'b', '[ab]', '(?:a|a)', '(?:a|b)', '(?:a|[ab])', 'a?', '[ab]?', '(?:ab|a)', '(?:a|ab)', '(?:|a)', '(?:a?|b)'), {
    minLength: 8,
    maxLength: 26,
  })
  .map((parts) => `${parts.join('')}$`);

describe('loop-free patterns regexRisk accepts', () => {
  it('finish quickly on texts that almost match, however their choices overlap', () => {
    fc.assert(
      fc.property(loopFree, fc.constantFrom('a', 'ab', 'aab'), fc.integer({ min: 4, max: 60 }), (source, unit, length) => {
        fc.pre(regexRisk(source) === undefined);
        const regex = new RegExp(source);
        const text = `${unit.repeat(length).slice(0, length)}!`;
        // An overlap that slipped through takes seconds here (2^20 paths and more); the best of three
        // runs under a generous bound keeps a busy machine from failing a fast pattern.
        expect(fastestRun(() => regex.test(text), 3)).toBeLessThan(400);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('searchForm', () => {
  it.each<[string, string]>([
    ['.*foo.*', 'foo'],
    ['.*?foo.*?', 'foo'],
    ['.+@.+', '.@.'],
    ['.*.*x', 'x'],
    ['.*', ''],
    ['^.*foo', '^.*foo'],
    ['foo.*$', 'foo.*$'],
    ['foo\\.*', 'foo\\.*'],
    ['foo\\\\.*', 'foo\\\\'],
    ['(.*)x', '(.*)x'],
  ])('%s -> %s', (source, form) => {
    expect(searchForm(source)).toBe(form);
  });

  it('is found in exactly the texts the source is found in', () => {
    const ends = fc.constantFrom('', '.*', '.+', '.*?', '.+?', '\\.*', '\\\\.*');
    const text = fc.string({ unit: fc.constantFrom('a', 'b', '.', '\\', '\n'), maxLength: 8 });
    fc.assert(
      fc.property(ends, pattern, ends, fc.array(text, { minLength: 1, maxLength: 5 }), (head, body, tail, texts) => {
        const source = `${head}${body}${tail}`;
        const [original, trimmed] = [new RegExp(source), new RegExp(searchForm(source))];
        for (const t of texts) expect(trimmed.test(t)).toBe(original.test(t));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('regex conditions', () => {
  const problems = (value: string) =>
    validatePolicyText(JSON.stringify({ version: '1', default: 'deny', tools: { t: { deny_if: [{ path: 'args.q', op: 'regex', value }] } } }, null, 2))
      .problems;

  // It compiles, so the spec calls it valid: a warning, since evaluation will deny instead of running
  // it. Only a lookaround or back-reference keeps a pattern from the linear-time engine.
  it('warns about an exponential pattern the linear-time engine cannot run, naming where it is', () => {
    expect(problems('^(a+)+(?!b)$')).toEqual([
      expect.objectContaining({
        severity: 'warning',
        line: 10,
        path: ['tools', 't', 'deny_if', 0, 'value'],
        message: expect.stringMatching(/^tools\.t\.deny_if\[0\]\.value: calls this condition tests are denied, since this pattern can take exponential time/),
      }),
    ]);
    expect(problems('a.*b.*c(?=d)')[0]?.message).toMatch(/this pattern can take polynomial time.*cannot run on the linear-time engine either/);
    expect(problems(`${'(?:a|a)'.repeat(8)}(?=b)`)[0]?.message).toMatch(
      /this pattern can read one text in more than 100 ways.*cannot run on the linear-time engine either/,
    );
    expect(problems('(?:a|a)'.repeat(8))).toEqual([]);
    expect(problems('^(a+)+$')).toEqual([]);
    expect(problems('a.*b.*c')).toEqual([]);
    // A .* at either end adds nothing to a search, and is not run: see searchForm.
    expect(problems('.*a.*b')).toEqual([]);
    expect(problems('(')[0]?.message).toMatch(/must be a regular expression that compiles/);
    expect(problems('^[a-z]+$')).toEqual([]);
  });

  // A policy built in code never met the schema: evaluation must still not hang, and must deny.
  const policyWith = (field: 'deny_if' | 'require', condition: Condition): Policy => ({
    version: '1',
    default: 'allow',
    tools: { t: { [field]: [condition] } },
  });
  const decide = (policy: Policy, q: string) => evaluatePolicy(policy, { tool: 't', args: { q }, time: 0 }).decision;

  it.each(['deny_if', 'require'] as const)('an unsafe pattern in %s denies, quickly, with a reason', (field) => {
    const policy = policyWith(field, { path: 'args.q', op: 'regex', value: '^(a+)+(?!b)$' });
    let decision;
    expect(fastestRun(() => (decision = decide(policy, `${'a'.repeat(30)}!`)), 1)).toBeLessThan(100);
    expect(decision).toEqual({
      effect: 'deny',
      rule: 't',
      reason: expect.stringMatching(
        new RegExp(
          `^${field} args.q regex "\\^\\(a\\+\\)\\+\\(\\?!b\\)\\$" could not be checked: the pattern is unsafe for a backtracking engine \\(this pattern can take exponential time.*\\), and its lookaround or back-reference keeps it from the linear-time engine$`,
        ),
      ),
    });
  });

  // This file loads no linear-time engine (policy-regex-linear.test.ts does): where none is loaded, such a pattern denies.
  it('a pattern for the linear-time engine denies where none is loaded, and says so', () => {
    expect(decide(policyWith('require', { path: 'args.q', op: 'regex', value: '^(a+)+$' }), 'aaa')).toMatchObject({
      effect: 'deny',
      reason: expect.stringMatching(
        /could not be checked: the pattern is unsafe for a backtracking engine \(this pattern can take exponential time.*\), and no linear-time engine is loaded here$/,
      ),
    });
  });

  it.each(['deny_if', 'require'] as const)('a value longer than the cap denies in %s, whatever the pattern', (field) => {
    const policy = policyWith(field, { path: 'args.q', op: 'regex', value: '^a' });
    expect(decide(policy, 'a'.repeat(MAX_REGEX_INPUT))).toMatchObject({ effect: field === 'deny_if' ? 'deny' : 'allow' });
    expect(decide(policy, 'a'.repeat(MAX_REGEX_INPUT + 1))).toEqual({
      effect: 'deny',
      rule: 't',
      reason: `${field} args.q regex "^a" could not be checked: the value is longer than ${MAX_REGEX_INPUT} characters, too long to match a pattern against`,
    });
  });

  it('a pattern that does not compile denies instead of throwing', () => {
    expect(decide(policyWith('require', { path: 'args.q', op: 'regex', value: '(' }), 'x')).toMatchObject({
      effect: 'deny',
      reason: expect.stringContaining('the pattern does not compile'),
    });
  });
});
