import { codeToHtml } from 'shiki';
import { describe, expect, it } from 'vitest';
import { HIGHLIGHT_THEMES, hexColor, highlightStylesheet, styleToClasses } from '../../src/lib/highlight/style-classes.ts';
import { themeColors } from '../../src/lib/highlight/theme-colors.ts';

const SAMPLES: [string, string][] = [
  ['json', JSON.stringify({ version: '1', default: 'deny', tools: { 'delete_*': { action: 'deny', max: 60, ok: true, none: null } } }, null, 2)],
  ['bash', 'npx policy-atlas validate policy.json --json # comment\nexport A="b"; echo $A'],
  ['ts', '/** doc */\nexport async function f(a: number): Promise<string> { return `x${a}`; } // done'],
];

const textOf = (html: string) => html.replace(/<[^>]*>/g, '');
const classesIn = (html: string) => [...html.matchAll(/class="([^"]*)"/g)].flatMap((m) => m[1]!.split(' '));

describe('code highlighting with classes instead of inline styles', async () => {
  const css = highlightStylesheet(await themeColors(HIGHLIGHT_THEMES.light), await themeColors(HIGHLIGHT_THEMES.dark));

  it.each(SAMPLES)('%s: no style attribute, the same text, and a rule for every colour class', async (lang, code) => {
    const plain = await codeToHtml(code, { lang, themes: HIGHLIGHT_THEMES });
    const classed = await codeToHtml(code, { lang, themes: HIGHLIGHT_THEMES, transformers: [styleToClasses()] });
    expect(plain).toContain('style=');
    expect(classed).not.toContain('style=');
    expect(textOf(classed)).toBe(textOf(plain));
    const colourClasses = classesIn(classed).filter((c) => /^[ld][0-9a-f]{6}$/.test(c));
    expect(colourClasses.length).toBeGreaterThan(0);
    for (const name of colourClasses) expect(css).toContain(`.hl .${name}{`);
    expect(classed.length).toBeLessThan(plain.length * 0.75);
    // Lines are text and newlines, not spans that nothing styles.
    expect(plain).toContain('<span class="line">');
    expect(classed).not.toContain('class="line"');
    expect(classed.split('\n')).toHaveLength(code.split('\n').length);
  });

  it('keeps every colour: each token that had its own colour has the classes that give it', async () => {
    const [, code] = SAMPLES[0]!;
    const plain = await codeToHtml(code, { lang: 'json', themes: HIGHLIGHT_THEMES });
    const classed = await codeToHtml(code, { lang: 'json', themes: HIGHLIGHT_THEMES, transformers: [styleToClasses()] });
    const block = /<pre[^>]*style="[^"]*?color:(#[0-9a-fA-F]+);--shiki-dark:(#[0-9a-fA-F]+)/.exec(plain)!;
    const coloured = [...plain.matchAll(/<span style="color:(#[0-9A-Fa-f]+);--shiki-dark:(#[0-9A-Fa-f]+)">/g)]
      .map((m) => [hexColor(m[1]), hexColor(m[2])])
      .filter(([light, dark]) => light !== hexColor(block[1]) || dark !== hexColor(block[2]))
      .map(([light, dark]) => `${light !== hexColor(block[1]) ? `l${light} ` : ''}d${dark}`);
    const spans = [...classed.matchAll(/<span class="((?:[ld][0-9a-f]{6} ?)+)">/g)].map((m) => m[1]);
    expect(spans).toEqual(coloured);
  });

  it('reads hex colours in every length and refuses anything else', () => {
    expect(hexColor('#FFF')).toBe('ffffff');
    expect(hexColor('#24292E')).toBe('24292e');
    expect(hexColor('red')).toBeUndefined();
    expect(hexColor('#12345')).toBeUndefined();
    expect(hexColor('#fff;background:url(x)')).toBeUndefined();
  });
});
