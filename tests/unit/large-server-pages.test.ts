import { describe, expect, it } from 'vitest';
import type { CatalogTool } from '../../src/core/catalog/build-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';
import { buildRelatedIndex, relatedTools } from '../../src/core/catalog/related.ts';
import { toolPage } from '../../src/core/catalog/tool-page.ts';
import { catalogOf } from '../support/small-catalog.ts';

// A server of thousands of tools renders one page per tool: what each page reads of its server's
// list must not grow with the list, or 20,000 tools cost minutes (it did: 80 s in the FAQ alone).
const TOOLS = 400;
const verbs = ['get', 'list', 'delete', 'create', 'send', 'run'];
const catalog = catalogOf({
  huge: { name: 'Huge', tools: Array.from({ length: TOOLS }, (_, i) => ({ name: `${verbs[i % verbs.length]}_item_${i}`, description: 'Works on an item.' })) },
});

/** Counts element reads of the server's tool list while `work` runs. */
function listReads(work: (tool: CatalogTool) => unknown): number {
  const server = catalog.servers[0]!;
  const plain = server.tools;
  let reads = 0;
  server.tools = new Proxy(plain, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
      return Reflect.get(target, key, receiver);
    },
  });
  try {
    for (const tool of plain) work(tool);
  } finally {
    server.tools = plain;
  }
  return reads;
}

describe('the pages of a large server read its tool list a bounded number of times', () => {
  it("FAQ: counts a tool category's siblings once per server, not once per tool", () => {
    expect(listReads((tool) => toolPage(tool, loadDefinition(tool)).faq)).toBeLessThan(TOOLS * 4);
  });

  it('related tools: stops reading siblings once the rows are full', () => {
    const index = buildRelatedIndex(catalog);
    expect(listReads((tool) => relatedTools(tool, index))).toBeLessThan(TOOLS * 16);
  });

  it('still counts the siblings right', () => {
    const first = catalog.tools[0]!;
    const faq = toolPage(first, loadDefinition(first)).faq.find((entry) => entry.question.startsWith('How do I block'))!;
    const siblings = catalog.tools.filter((t) => t.classification.category === catalog.tools[0]!.classification.category).length - 1;
    expect(faq.answer).toContain(`together with the ${siblings} other ${catalog.tools[0]!.classification.category} tools`);
  });
});
