import type { Catalog, CatalogServer, CatalogTool } from '../catalog/build-catalog.ts';
import { loadDefinition, type LoadedDefinition } from '../catalog/load-definition.ts';
import { serverPagePath } from '../catalog/paths.ts';
import { annotationsDisagree } from '../classify/annotation-check.ts';
import { isLowConfidence } from '../risk.ts';
import type { ToolFacet } from '../site/search-facets.ts';
import { toolAnchorId } from './tool-anchor.ts';
import { shownToolName } from '../catalog/tool-names.ts';

/** The search filter for tools whose declared annotations disagree with what they appear to do. */
export const ANNOTATIONS_DISAGREE = 'disagree';

/** One HTML document Pagefind indexes: a server and all its tools. */
export interface SearchDocument {
  url: string;
  html: string;
}

// Words past this point of a description add little to finding a tool, and every search that
// shows a server's tools loads its whole document: ~240 characters (40 words, more than an excerpt shows) keep fragments small.
const DESCRIPTION_CHARS = 240;
export const NO_DESCRIPTION = 'No description.';
/** Ids of the elements that bound a tool's description in its server's document. */
export const descriptionAnchorId = (slug: string) => `d.${slug}`;
export const extraWordsAnchorId = (slug: string) => `x.${slug}`;
export const SERVER_ABOUT_ID = 'about';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
/**
 * An empty element marking where a part of a tool's section starts. Pagefind stores each anchor's
 * text in the fragment beside the page's text: an id on the paragraph itself stored every
 * description twice in what a search downloads.
 */
const marker = (id: string) => `<span id="${id}"></span>`;
const meta = (attribute: string, key: string, value: string) => `<meta data-pagefind-${attribute}="${key}[content]" content="${escapeHtml(value)}">`;

/**
 * The search index holds one document per server, not per tool: Pagefind's metadata table, which
 * every query loads, grows by a few bytes per document, and its fragments by one file per
 * document. A tool is a section of its server's document whose first element's id carries its
 * facets. The page-level filters are the union of the server's tools' facets, and
 * the search island narrows each server's tools to the filters chosen.
 */
export const searchDocuments = (catalog: Catalog): SearchDocument[] => catalog.servers.map(serverSearchDocument);

export function serverSearchDocument(server: CatalogServer): SearchDocument {
  const head = [meta('meta', 'title', server.meta.name), meta('filter', 'server', server.meta.name)];
  const facets: Record<ToolFacet, Set<string>> = { level: new Set(), category: new Set(), signal: new Set(), annotations: new Set() };
  const sections: string[] = [];
  for (const tool of server.tools) {
    const c = tool.classification;
    const loaded = loadDefinition(tool);
    const disagree = annotationsDisagree({ definition: loaded.definition, classification: c });
    facets.level.add(c.level);
    facets.category.add(c.category);
    for (const signal of c.signals) facets.signal.add(signal);
    if (disagree) facets.annotations.add(ANNOTATIONS_DISAGREE);
    sections.push(toolSection(tool, loaded, disagree));
  }
  for (const [key, values] of Object.entries(facets)) for (const value of [...values].sort()) head.push(meta('filter', key, value));
  const body = [
    `<h1>${escapeHtml(server.meta.name)}</h1>`,
    `<p>${marker(SERVER_ABOUT_ID)}${escapeHtml(server.meta.description?.trim() || NO_DESCRIPTION)}</p>`,
    ...sections,
  ];
  return { url: serverPagePath(server), html: `<html lang="en"><head>${head.join('')}</head><body>${body.join('')}</body></html>` };
}

/**
 * Tool names are weighted as Pagefind weights an h2 (above body text, so an exact name ranks
 * first) but are not headings: for every heading a query matches, Pagefind's browser code builds
 * an excerpt by splitting the whole document again, which took 14-22 s for a common word in a
 * server of 5,000 tools. The island finds tools by their ids and makes its own excerpts.
 */
export const TOOL_NAME_WEIGHT = 6;

/**
 * The name, then the description the result shows, then words that find the tool but are never
 * shown: its title and parameter names. Pagefind splits `getUserProfile` or `list_databases` into
 * words itself.
 */
function toolSection(tool: CatalogTool, { definition, parameters }: LoadedDefinition, annotationsDisagree: boolean): string {
  const c = tool.classification;
  const id = toolAnchorId({
    slug: tool.slug,
    level: c.level,
    category: c.category,
    signals: [...c.signals],
    annotationsDisagree,
    lowConfidence: isLowConfidence(c.confidence),
  });
  const description = (definition.description ?? '').slice(0, DESCRIPTION_CHARS).trim() || NO_DESCRIPTION;
  const extra = [definition.title ?? '', ...parameters.map((p) => p.path)].join(' ').trim();
  return (
    `<p id="${id}" data-pagefind-weight="${TOOL_NAME_WEIGHT}">${escapeHtml(shownToolName(tool.name))}</p>` +
    `<p>${marker(descriptionAnchorId(tool.slug))}${escapeHtml(description)}</p>` +
    `<p data-pagefind-weight="0.5">${marker(extraWordsAnchorId(tool.slug))}${escapeHtml(extra || '-')}</p>`
  );
}
