import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_REGEX_INPUT, needsLinearRegexEngine } from '../../src/core/policy/conditions.ts';
import { evaluatePolicy } from '../../src/core/policy/evaluate.ts';
import { re2Engine } from '../../src/core/policy/re2-engine.ts';
import { compileLinear, linearForm, planPattern, useLinearRegexEngine } from '../../src/core/policy/regex-linear.ts';
import { regexRisk } from '../../src/core/policy/regex-safety.ts';
import type { Policy } from '../../src/core/policy/schema.ts';
import { fastestRun } from '../support/timing.ts';

const linearTest = (source: string, text: string) => compileLinear(re2Engine, linearForm(source)!).test(text);

describe('linearForm', () => {
  // What real policies write, and the JavaScript meaning of `.`, `\s`, `$` and `\b` on the edges.
  it.each<[string, string, boolean]>([
    ['^\\S+@\\S+\\.\\S+$', 'ana@example.com', true],
    ['^\\S+@\\S+\\.\\S+$', 'ana@example', false],
    ['^.*secret.*$', 'my secret key', true],
    ['^.*secret.*$', 'my secret\nkey', false],
    ['^[a-z]+://.*\\.internal(/.*)?$', 'https://db.internal/x', true],
    ['a.c', 'a\rc', false],
    ['a.c', 'a\u2028c', false],
    ['a\\sc', 'a\u00a0c', true],
    ['a\\Sc', 'a\u00a0c', false],
    ['end$', 'the end\n', false],
    ['\\bcat\\b', 'a cat.', true],
    ['\\bcat\\b', 'concat', false],
    ['(?i:DROP) table', 'drop table', true],
    ['x{2,3}y', 'xxy', true],
    ['[^]', '\n', true],
    ['caf\\u00e9', 'café', true],
    ['x😀', 'x😀', true],
    ['x😀', 'x😁', false],
    // JavaScript reads UTF-16 code units: a lone surrogate is one character, a pair is two.
    ['a.b', 'a\ud800b', true],
    ['a[^x]b', 'a\udc00b', true],
    ['\\ud800', 'x\ud800', true],
    ['\\ud83d', 'x😀', true],
    ['^.$', '😀', false],
    ['^..$', '😀', true],
    ['^[\\ud800-\\udbff][\\udc00-\\udfff]$', '😀', true],
    // Under (?i:…) JavaScript folds letters of every script, except into ASCII from outside it.
    ['(?i:é)', 'É', true],
    ['(?i:σ)', 'ς', true],
    ['(?i:[à-ÿ])', 'Ö', true],
    ['(?i:s)', 'ſ', false],
    ['(?i:k)', '\u212a', false],
    ['(?i:ß)', 'ẞ', false],
    ['(?i:[^a])', 'A', false],
    ['(?i:[^é])', 'É', false],
  ])('%s on %j -> %s, as JavaScript says', (source, text, holds) => {
    expect(new RegExp(source).test(text)).toBe(holds);
    expect(linearTest(source, text)).toBe(holds);
  });

  it('has no form for a lookaround, a back-reference or a repeat count RE2 refuses', () => {
    expect(linearForm('a(?=b)')).toBeUndefined();
    expect(linearForm('(?<!a)b')).toBeUndefined();
    expect(linearForm('(a)\\1')).toBeUndefined();
    expect(linearForm('a{1001}')).toBeUndefined();
    expect(linearForm('[]')).toBeUndefined();
  });

  // Lone surrogates, a pair, and letters whose case JavaScript folds in its own way.
  const texts = fc.string({
    unit: fc.constantFrom(
      'a',
      'b',
      'ab',
      ' ',
      '\n',
      '\r',
      '\u00a0',
      'é',
      '_',
      '1',
      '.',
      '@',
      'A',
      'É',
      '\ud800',
      '\udc00',
      '😀',
      'ſ',
      's',
      'ς',
      'Σ',
      '\u212a',
      'k',
    ),
    maxLength: 12,
  });
  const patterns = fc.letrec((tie) => ({
    pattern: fc.oneof({ depthSize: 'small' }, tie('atom'), tie('sequence'), tie('choice'), tie('repeat')),
    atom: fc.constantFrom(
      ...['a', 'b', '[ab]', '[^a]', '.', '\\w', '\\W', '\\s', '\\S', '\\d', '^', '$', '\\b', '\\B', '(?:)', 'é', '\\.', '(?i:A)'],
      ...['\\ud800', '[\\udc00-\\udfff]', '[^\\ud800]', '😀', '(?i:é)', '(?i:[^é])', '(?i:[^a])', '(?i:σ)', '(?i:S)', '(?i:\\W)', '(?i:[k-s])', '(?i:[à-ÿ])'],
    ),
    sequence: fc.array(tie('pattern'), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')),
    choice: fc.array(tie('pattern'), { minLength: 2, maxLength: 3 }).map((parts) => `(?:${parts.join('|')})`),
    repeat: fc.tuple(tie('pattern'), fc.constantFrom('*', '+', '?', '{2}', '{0,3}', '{1,}', '*?')).map(([part, times]) => `(?:${part})${times}`),
  }));

  // 3,000 patterns, each checked, rewritten and compiled on both engines: seconds on a busy machine.
  it('finds a pattern in exactly the texts JavaScript finds it in', { timeout: 30_000 }, () => {
    fc.assert(
      fc.property(patterns.pattern as fc.Arbitrary<string>, texts, (source, text) => {
        // JavaScript is the reference, so only patterns it runs quickly on any text.
        fc.pre(regexRisk(source) === undefined);
        expect(linearTest(source, text)).toBe(new RegExp(source).test(text));
      }),
      { numRuns: 3000 },
    );
  });
  // What now runs on RE2 for its many ways: choices and optional parts, written out.
  it('finds a pattern of overlapping choices in exactly the texts JavaScript finds it in', { timeout: 30_000 }, () => {
    const parts = ['a', 'b', '[ab]', '(?:a|a)', '(?:a|b)', 'a?', '(?:ab|a)', '(?:|a)', '.', '\\ud800', '(?i:é)', '(?i:[^a])', '\\b', '$'];
    const overlapping = fc.array(fc.constantFrom(...parts), { minLength: 4, maxLength: 20 }).map((items) => items.join(''));
    // Short texts: JavaScript's 2^n paths stay few.
    const short = fc.string({ unit: fc.constantFrom('a', 'b', 'A', '\ud800', '😀', 'é', 'É', ' '), maxLength: 14 });
    fc.assert(
      fc.property(overlapping, fc.array(short, { minLength: 1, maxLength: 4 }), (source, texts) => {
        for (const text of texts) expect(linearTest(source, text), JSON.stringify(text)).toBe(new RegExp(source).test(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe('regex conditions with the linear-time engine loaded', () => {
  beforeAll(() => useLinearRegexEngine(re2Engine));

  const policyWith = (field: 'deny_if' | 'require', value: string): Policy => ({
    version: '1',
    default: 'allow',
    tools: { t: { [field]: [{ path: 'args.q', op: 'regex', value }] } },
  });
  const decide = (policy: Policy, q: string) => evaluatePolicy(policy, { tool: 't', args: { q }, time: 0 }).decision.effect;

  it('runs a pattern a backtracking engine could take too long on', () => {
    const email = policyWith('require', '^\\S+@\\S+\\.\\S+$');
    expect(decide(email, 'ana@example.com')).toBe('allow');
    expect(decide(email, 'ana at example')).toBe('deny');
    const secrets = policyWith('deny_if', 'a.*b.*c');
    expect(decide(secrets, 'a-b-c')).toBe('deny');
    expect(decide(secrets, 'a-c-b')).toBe('allow');
  });

  it('in linear time: the longest text an exponential pattern meets is decided at once', () => {
    const policy = policyWith('deny_if', '^(a+)+$');
    const text = `${'a'.repeat(MAX_REGEX_INPUT - 1)}!`;
    let effect;
    expect(fastestRun(() => (effect = decide(policy, text)), 1)).toBeLessThan(200);
    expect(effect).toBe('allow');
    expect(decide(policy, 'a'.repeat(MAX_REGEX_INPUT))).toBe('deny');
  });

  // Written out n times, no loop: a backtracking engine tries 2^n ways on a text that almost
  // matches (seconds at n = 20, years at 30). Each is the counted repeat beside it.
  it.each<[string, string, string]>([
    ['(?:a|a) n times', `${'(?:a|a)'.repeat(30)}$`, 'a{30}$'],
    ['a? n times, then a n times', `${'a?'.repeat(30)}${'a'.repeat(30)}$`, 'a{30,60}$'],
  ])("%s runs on the linear-time engine, with JavaScript's answer, at once", (_, pattern, counted) => {
    expect(planPattern(pattern).engine).toBe('linear');
    const policy = policyWith('deny_if', pattern);
    for (const text of [`${'a'.repeat(60)}!`, 'a'.repeat(29), 'a'.repeat(30), 'a'.repeat(45), `${'a'.repeat(MAX_REGEX_INPUT - 1)}!`]) {
      let effect;
      expect(fastestRun(() => (effect = decide(policy, text)), 1)).toBeLessThan(500);
      expect(effect).toBe(new RegExp(counted).test(text) ? 'deny' : 'allow');
    }
  });

  // A deny_if RE2 used to miss: JavaScript reads code units and folds every script's letters.
  it.each<[string, string]>([
    ['[\\ud800-\\udfff]', 'token\ud800'],
    ['secret.key', 'secret\udc00key'],
    ['(?i:пароль)', 'ПАРОЛЬ'],
    ['(?i:[à-ÿ]+\\s*=)', 'CLÉ ='],
  ])('a deny_if on the linear-time engine denies %s on %j, as RegExp finds it', (pattern, text) => {
    const slow = `^(a+)+$|${pattern}`;
    expect(planPattern(slow).engine).toBe('linear');
    expect(new RegExp(slow).test(text)).toBe(true);
    expect(decide(policyWith('deny_if', slow), text)).toBe('deny');
  });

  it('tells a page when a policy needs the engine', () => {
    expect(needsLinearRegexEngine(policyWith('require', '^\\S+@\\S+\\.\\S+$'))).toBe(true);
    expect(needsLinearRegexEngine(policyWith('require', '^[a-z]+$'))).toBe(false);
    // Never runs there either: nothing to load.
    expect(needsLinearRegexEngine(policyWith('require', '^(a+)+(?=b)'))).toBe(false);
  });
});
