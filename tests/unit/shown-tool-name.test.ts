import { describe, expect, it } from 'vitest';
import { shownToolName } from '../../src/core/catalog/tool-names.ts';
import { toolPage } from '../../src/core/catalog/tool-page.ts';
import { toolArticle } from '../../src/core/site/tool-article.ts';
import { buildRelatedIndex } from '../../src/core/catalog/related.ts';
import { catalogOf } from '../support/small-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';

describe('a tool name with nothing visible in it', () => {
  it.each([' ', '\t', '  \n '])('shows quoted: %j', (name) => {
    expect(shownToolName(name)).toBe(JSON.stringify(name));
  });

  it.each(['read_file', '读取', '🔥', ' padded '])('any other shows as sent: %j', (name) => {
    expect(shownToolName(name)).toBe(name);
  });

  it('titles, trails and FAQ questions of its page show it quoted; its policy names it as sent', () => {
    const catalog = catalogOf({ odd: { name: 'Odd', tools: [{ name: ' ', description: 'Reads a note.' }] } });
    const tool = catalog.tools[0]!;
    const page = toolPage(tool, loadDefinition(tool));
    expect(page.title).toBe('" " (Odd)');
    expect(page.faq[0]!.question).toBe('What does " " do?');
    expect(toolArticle(tool, loadDefinition(tool), buildRelatedIndex(catalog)).trail.at(-1)).toEqual({ label: '" "' });
    expect(Object.keys(page.policy.tools ?? {})).toEqual([' ']);
  });
});
