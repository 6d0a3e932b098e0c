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

/**
 * One record per tool and per server, built from the catalog rather than parsed back out of the
 * HTML: the index holds only what search needs, and indexing skips reading every page again.
 * Tool names are indexed as written and as words, so `getUserProfile` and `user profile` both find it.
 */
export function searchRecords(catalog: Catalog): SearchRecord[] {
  const records: SearchRecord[] = catalog.tools.map((tool) => {
    const c = tool.classification;
    const definition = tool.definition;
    const words = nameTokens(tool.name).join(' ');
    // The description leads, so excerpts show it; the name and its words follow for matching.
    const text = [
      definition.title ?? '',
      (definition.description ?? '').slice(0, DESCRIPTION_CHARS),
      `(${tool.name}: ${words}.)`,
      tool.parameters.length ? `Parameters: ${tool.parameters.map((p) => p.path).join(', ')}.` : '',
      `${tool.server.meta.name}.`,
    ];
    return {
      url: toolPagePath(tool),
      content: text.filter(Boolean).join(' '),
      meta: { title: tool.name, kind: 'tool', server: tool.server.meta.name, level: c.level, category: c.category },
      filters: { level: [c.level], category: [c.category], server: [tool.server.meta.name], signal: [...c.signals] },
    };
  });
  for (const server of catalog.servers) {
    records.push({
      url: serverPagePath(server),
      content: [server.meta.name, server.meta.description ?? '', `${server.tools.length} tools.`].join(' '),
      meta: { title: server.meta.name, kind: 'server', server: server.meta.name },
      filters: { server: [server.meta.name] },
    });
  }
  return records;
}
