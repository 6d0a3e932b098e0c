import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';
import { toolPagePath } from '../../src/core/catalog/paths.ts';
import { searchDocuments } from '../../src/core/search/search-documents.ts';
import { catalogSummary, serverRecord } from '../../src/core/site/machine-readable.ts';
import type { Tool } from '../../src/core/schema/server.ts';

const tools: Tool[] = [
  { name: 'delete_item', description: 'Deletes an item for good.' },
  { name: 'list_items', description: 'Lists the items.' },
  { name: 'delete_item', description: 'Removes an item, a second definition.' },
];
const catalog = buildCatalog([{ slug: 'shop', file: 'servers/shop.json', data: { name: 'Shop', tools } }]);
const repeated = catalog.tools.filter((t) => t.name === 'delete_item');

describe('a name a server lists twice: both tools stay, each on its own page', () => {
  it('keeps both definitions, in list order, with distinct slugs', () => {
    expect(catalog.tools).toHaveLength(3);
    expect(repeated.map((t) => [t.slug, loadDefinition(t).definition.description])).toEqual([
      ['delete-item', 'Deletes an item for good.'],
      ['delete-item-2', 'Removes an item, a second definition.'],
    ]);
    expect(new Set(catalog.tools.map(toolPagePath)).size).toBe(3);
    expect(catalog.servers[0]!.tools).toHaveLength(3);
  });

  it("lists both in catalog.json, search and the server's JSON record, each with its own page", () => {
    const summary = catalogSummary(catalog, (path) => path).servers[0]!.tools;
    expect(summary.filter((t) => t.name === 'delete_item').map((t) => t.page)).toEqual(['/servers/shop/delete-item/', '/servers/shop/delete-item-2/']);
    const records = serverRecord(catalog.servers[0]!, (path) => path).tools.filter((t) => t.name === 'delete_item');
    expect(records.map((r) => [r.page, r.definition.description])).toEqual([
      ['/servers/shop/delete-item/', 'Deletes an item for good.'],
      ['/servers/shop/delete-item-2/', 'Removes an item, a second definition.'],
    ]);
    const [document] = searchDocuments(catalog);
    expect([...document!.html.matchAll(/<p id="t\.[^"]*\.([^".]+)"[^>]*>delete_item<\/p>/g)].map((m) => m[1])).toEqual(['delete-item', 'delete-item-2']);
  });
});
