import { createShikiHighlighter } from '@astrojs/internal-helpers/shiki';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightJsonHtml, highlightJsonHtmlUncached } from '../../src/lib/highlight/json-html.ts';
import { HIGHLIGHT_THEMES, styleToClasses } from '../../src/lib/highlight/style-classes.ts';

// What <Code code={json} lang="json" themes={HIGHLIGHT_THEMES} transformers={[styleToClasses()]} /> renders.
async function astroCodeHtml(json: string): Promise<string> {
  const highlighter = await createShikiHighlighter({ langs: ['json' as never], theme: 'github-dark', themes: HIGHLIGHT_THEMES });
  return highlighter.codeToHtml(json, 'json', { defaultColor: 'light', wrap: false, inline: false, transformers: [styleToClasses()], attributes: {} });
}

const text = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('read_file', '</script><b>x</b>', 'a & b', 'quote " inside', 'back\\slash', '\uE0001\uE001', 'tab\there', '🚀', ''),
);
const value: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof(
    { depthSize: 'small' },
    text,
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('node'), { maxLength: 3 }),
    fc.dictionary(text, tie('node'), { maxKeys: 4 }),
  ),
})).node;

describe('highlightJsonHtml', () => {
  it("writes what Astro's <Code> writes for a policy", async () => {
    const json = JSON.stringify({ version: '1', default: 'deny', tools: { 'a<b': { action: 'allow', limits: [{ max: 30 }] } } }, null, 2);
    const html = await highlightJsonHtml(json);
    expect(html).toBe(await astroCodeHtml(json));
    expect(html).toContain('a&#x3C;b');
  });

  it('equals the uncached highlighting for any JSON, hostile strings included', async () => {
    await fc.assert(
      fc.asyncProperty(value, async (data) => {
        const json = JSON.stringify(data, null, 2) ?? 'null';
        // Twice: the second call is served from the shape cache.
        await highlightJsonHtml(json);
        expect(await highlightJsonHtml(json)).toBe(await highlightJsonHtmlUncached(json));
      }),
      { numRuns: 300 },
    );
  });

  it('matches <Code> on generated policies that share a shape', async () => {
    for (const name of ['read_file', 'delete-everything', 'Ünïcode ✓', '🚀 launch']) {
      const json = JSON.stringify({ version: '1', tools: { [name]: { action: 'deny', reason: `${name} is rated critical` } } }, null, 2);
      expect(await highlightJsonHtml(json)).toBe(await astroCodeHtml(json));
    }
  });
});
