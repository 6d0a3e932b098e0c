import type { Catalog, CatalogServer, CatalogTool } from '../catalog/build-catalog.ts';
import { loadDefinition } from '../catalog/load-definition.ts';
import { serverPagePath, toolPagePath } from '../catalog/paths.ts';
import { toolRule } from '../catalog/tool-page.ts';
import { RULES_VERSION } from '../classify/rules-version.ts';
import { withEvidenceText } from '../classify/evidence.ts';
import { toolPolicy } from '../catalog/recommend.ts';
import { LEVELS } from '../risk.ts';
import { summarize } from '../text/description-blocks.ts';

/**
 * Site path of a server's JSON record, which holds each of its tools' records: one file per server
 * rather than per tool, since every file costs a disk block and a host's file quota at 250,000 tools.
 */
export const serverJsonPath = (server: Pick<CatalogServer, 'slug'>) => `${serverPagePath(server)}tools.json`;

/** `/catalog.json`: every server and tool with its rating and where to find more; `url` makes paths absolute. */
export function catalogSummary(catalog: Catalog, url: (path: string) => string) {
  return {
    generator: 'Policy Atlas',
    totals: {
      servers: catalog.servers.length,
      tools: catalog.tools.length,
      byLevel: Object.fromEntries(LEVELS.map((l) => [l, catalog.byLevel[l].length])),
    },
    servers: catalog.servers.map((server) => ({
      slug: server.slug,
      name: server.meta.name,
      page: url(serverPagePath(server)),
      json: url(serverJsonPath(server)),
      tools: server.tools.map((tool) => ({
        name: tool.name,
        level: tool.classification.level,
        category: tool.classification.category,
        page: url(toolPagePath(tool)),
      })),
    })),
  };
}

/** `/servers/<s>/tools.json`: the server, and each tool's definition, rating and recommended policy, in list order. */
export function serverRecord(server: CatalogServer, url: (path: string) => string) {
  return {
    server: { slug: server.slug, name: server.meta.name, page: url(serverPagePath(server)) },
    rulesVersion: RULES_VERSION,
    tools: server.tools.map((tool) => toolRecord(tool, url)),
  };
}

/** One tool's entry in its server's record. */
export function toolRecord(tool: CatalogTool, url: (path: string) => string) {
  const loaded = loadDefinition(tool);
  const { overrides: _editorial, ...definition } = loaded.definition;
  return {
    name: tool.name,
    page: url(toolPagePath(tool)),
    definition,
    classification: withEvidenceText(tool.classification),
    policy: toolPolicy(tool.name, toolRule(tool, loaded)),
  };
}

// Controls (C0, DEL, C1 with NEL), line and paragraph separators: each can end a line for some reader.
const LINE_BREAKING = /[\p{Cc}\p{Zl}\p{Zp}]+/gu;

/** Server-supplied text kept on its line of the list. */
const oneLine = (text: string) => text.replace(LINE_BREAKING, ' ');

/** `/llms.txt`: a plain-text map of the catalog for language models, per the llms.txt convention. */
export function llmsText(catalog: Catalog, url: (path: string) => string): string {
  const lines = [
    '# Policy Atlas',
    '',
    `> Risk ratings and recommended gateway policies for ${catalog.tools.length} MCP tools on ${catalog.servers.length} servers.`,
    '',
    `Machine-readable catalog: ${url('/catalog.json')}`,
    `Methodology: ${url('/methodology/')}`,
    '',
    '## Servers',
    '',
    ...catalog.servers.map(
      (s) =>
        `- [${oneLine(s.meta.name).replace(/[[\]]/g, ' ')}](${url(serverPagePath(s))}): ${s.tools.length} tool${s.tools.length === 1 ? '' : 's'}${s.meta.description ? `. ${oneLine(summarize(s.meta.description, 140))}` : ''}`,
    ),
    '',
  ];
  return lines.join('\n');
}
