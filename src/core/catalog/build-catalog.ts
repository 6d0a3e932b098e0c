import { classifyTool, type Classification } from '../classify/classify-tool.ts';
import { LEVELS, CATEGORIES, type Category, type Level } from '../risk.ts';
import type { ServerFile, Tool } from '../schema/server.ts';
import { toolSlugs } from './slug.ts';
import { listParameters, type Parameter } from '../input-schema/parameters.ts';
import type { LoadedServer } from './load.ts';

export interface CatalogTool {
  name: string;
  slug: string;
  server: CatalogServer;
  definition: Tool;
  parameters: Parameter[];
  classification: Classification;
}

export interface CatalogServer {
  slug: string;
  file: string;
  meta: Omit<ServerFile, 'tools'>;
  tools: CatalogTool[];
  levelCounts: Record<Level, number>;
}

export interface Catalog {
  servers: CatalogServer[];
  tools: CatalogTool[];
  byLevel: Record<Level, CatalogTool[]>;
  byCategory: Record<Category, CatalogTool[]>;
}

const emptyCounts = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
const emptyLists = <K extends string, V>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, [] as V[]])) as Record<K, V[]>;

const byName = (a: { name: string }, b: { name: string }) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** What reading a tool's definition yields, independent of the rest of the catalog: cached between builds. */
export interface ToolAnalysis {
  parameters: Parameter[];
  classification: Classification;
}

export function analyseTool(definition: Tool): ToolAnalysis {
  const parameters = listParameters(definition.inputSchema);
  return { parameters, classification: classifyTool(definition, parameters) };
}

/** A loaded server, with its tools' analyses (in `data.tools` order) when a cache holds them. */
export type CatalogInput = Pick<LoadedServer, 'slug' | 'file' | 'data'> & { analyses?: readonly ToolAnalysis[] };

/** Classifies and slugs every tool once; pages read from the result. Every entry gets a page, a repeated name too. */
export function buildCatalog(loaded: readonly CatalogInput[]): Catalog {
  const servers: CatalogServer[] = [];
  const tools: CatalogTool[] = [];
  const byLevel = emptyLists<Level, CatalogTool>(LEVELS);
  const byCategory = emptyLists<Category, CatalogTool>(CATEGORIES);
  for (const { slug, file, data, analyses } of [...loaded].sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    const { tools: definitions, ...meta } = data;
    const server: CatalogServer = { slug, file, meta, tools: [], levelCounts: emptyCounts(LEVELS) };
    const slugs = toolSlugs(definitions.map((t) => t.name));
    const entries = definitions.map((definition, index) => ({ name: definition.name, definition, slug: slugs[index]!, index }));
    for (const { definition, slug: toolSlug, index } of entries.sort(byName)) {
      const { parameters, classification } = analyses?.[index] ?? analyseTool(definition);
      const tool: CatalogTool = {
        name: definition.name,
        slug: toolSlug,
        server,
        definition,
        parameters,
        classification,
      };
      server.tools.push(tool);
      server.levelCounts[tool.classification.level]++;
      tools.push(tool);
      byLevel[tool.classification.level].push(tool);
      byCategory[tool.classification.category].push(tool);
    }
    servers.push(server);
  }
  return { servers, tools, byLevel, byCategory };
}
