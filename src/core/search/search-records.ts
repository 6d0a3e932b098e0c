import type { Catalog } from '../catalog/build-catalog.ts';
import { serverPagePath, toolPagePath } from '../catalog/paths.ts';
import { nameTokens } from '../text/tokens.ts';

/** What Pagefind indexes for one page: plain text, result fields and facet values. */
export interface SearchRecord {
  url: string;
  content: string;
  meta: Record<string, string>;
  filters: Record<string, string[]>;
}

// Words past this point of a description add little to finding a tool, and cost index memory.
const DESCRIPTION_CHARS = 1200;
// Pagefind leaves a record without content out of the index.
export const NO_DESCRIPTION = 'No description.';

/**
 * One record per tool and per server, built from the catalog rather than parsed back out of the
 * HTML: the index holds only what search needs, and indexing skips reading every page again.
 * Result excerpts are cut from the content, so the content is the description alone. The rest is
 * metadata, which Pagefind (1.5 and later) searches as well but never shows in an excerpt: tool
 * names as written and as words (so `getUserProfile` and `user profile` both find it), the tool's
 * title and its parameter names.
 */
export function searchRecords(catalog: Catalog): SearchRecord[] {
  const records: SearchRecord[] = catalog.tools.map((tool) => {
    const c = tool.classification;
    return {
      url: toolPagePath(tool),
      content: (tool.definition.description ?? '').slice(0, DESCRIPTION_CHARS).trim() || NO_DESCRIPTION,
      meta: {
        title: tool.name,
        kind: 'tool',
        server: tool.server.meta.name,
        level: c.level,
        category: c.category,
        nameWords: nameTokens(tool.name).join(' '),
        toolTitle: tool.definition.title ?? '',
        parameters: tool.parameters.map((p) => p.path).join(' '),
      },
      filters: { level: [c.level], category: [c.category], server: [tool.server.meta.name], signal: [...c.signals] },
    };
  });
  for (const server of catalog.servers) {
    records.push({
      url: serverPagePath(server),
      content: server.meta.description?.trim() || NO_DESCRIPTION,
      meta: { title: server.meta.name, kind: 'server', server: server.meta.name },
      filters: { server: [server.meta.name] },
    });
  }
  return records;
}
