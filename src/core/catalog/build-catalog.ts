import { createHash } from 'node:crypto';
import { classifyTool, type Classification } from '../classify/classify-tool.ts';
import { summarize } from '../text/description-blocks.ts';
import { LEVELS, CATEGORIES, type Category, type Level } from '../risk.ts';
import type { ServerFile, Tool } from '../schema/server.ts';
import { toolSlugs } from './slug.ts';
import { listParameters, type Parameter } from '../input-schema/parameters.ts';
import type { LoadedServer } from './server-file.ts';

export interface CatalogTool {
  name: string;
  slug: string;
  server: CatalogServer;
  /** Its place among its server's definitions, as the data file lists them (see `loadDefinition`, load-definition.ts). */
  index: number;
  classification: Classification;
  /** The first sentence of the description, at most 120 characters, as tables of tools show it. */
  summary: string;
  /** Dates of the stored definition changes, newest first: what the site's change feed sorts by. */
  changeDates: string[];
}

export interface CatalogServer {
  slug: string;
  file: string;
  meta: Omit<ServerFile, 'tools'>;
  tools: CatalogTool[];
  levelCounts: Record<Level, number>;
  /** A digest of everything the server's own data says (meta, definitions, analyses): part of its build key. */
  readonly digest: string;
  /** Its tools' definitions and parameters: a file read when the catalog came from the build's cache (see `loadDefinition`, load-definition.ts). */
  loadBody(): ServerBody;
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

/** What tables of tools show of a tool, kept apart from its definition so a catalog can hold one without the other. */
export interface ListedTool {
  name: string;
  summary: string;
  changeDates: string[];
  classification: Classification;
}

/** The part of a server that is read only when one of its pages is rendered. */
export interface ServerBody {
  definitions: readonly Tool[];
  parameters: readonly Parameter[][];
}

/** A server as listings need it, its definitions read on demand through `loadBody` (see src/build/catalog/catalog-cache.ts). */
export interface ListedInput {
  slug: string;
  file: string;
  meta: Omit<ServerFile, 'tools'>;
  tools: readonly ListedTool[];
  digest: string;
  loadBody(): ServerBody;
}

export function listedTool(definition: Tool, classification: Classification): ListedTool {
  return {
    name: definition.name,
    summary: summarize(definition.description, 120),
    changeDates: (definition.history ?? []).map((entry) => entry.date),
    classification,
  };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A loaded server as a listed one whose body is already in memory. */
export function listedInput({ slug, file, data, analyses }: CatalogInput): ListedInput {
  const { tools: definitions, ...meta } = data;
  const all = analyses ?? definitions.map(analyseTool);
  const body: ServerBody = { definitions, parameters: all.map((analysis) => analysis.parameters) };
  let digest: string | undefined;
  return {
    slug,
    file,
    meta,
    tools: definitions.map((definition, index) => listedTool(definition, all[index]!.classification)),
    get digest() {
      return (digest ??= sha256(JSON.stringify([meta, definitions, all])));
    },
    loadBody: () => body,
  };
}

const isListed = (input: CatalogInput | ListedInput): input is ListedInput => 'loadBody' in input;

/** Classifies and slugs every tool once; pages read from the result. Every entry gets a page, a repeated name too. */
export function buildCatalog(inputs: readonly (CatalogInput | ListedInput)[]): Catalog {
  const servers: CatalogServer[] = [];
  const tools: CatalogTool[] = [];
  const byLevel = emptyLists<Level, CatalogTool>(LEVELS);
  const byCategory = emptyLists<Category, CatalogTool>(CATEGORIES);
  const listed = inputs.map((input) => (isListed(input) ? input : listedInput(input)));
  for (const input of listed.sort((a, b) => (a.slug < b.slug ? -1 : 1))) {
    const server: CatalogServer = {
      slug: input.slug,
      file: input.file,
      meta: input.meta,
      tools: [],
      levelCounts: emptyCounts(LEVELS),
      get digest() {
        return input.digest;
      },
      loadBody: () => input.loadBody(),
    };
    const slugs = toolSlugs(input.tools.map((t) => t.name));
    const entries = input.tools.map((entry, index) => ({ entry, slug: slugs[index]!, index }));
    for (const { entry, slug, index } of entries.sort((a, b) => byName(a.entry, b.entry))) {
      const tool: CatalogTool = {
        name: entry.name,
        slug,
        server,
        index,
        classification: entry.classification,
        summary: entry.summary,
        changeDates: entry.changeDates,
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
