import type { Parameter } from '../input-schema/parameters.ts';
import type { Tool } from '../schema/server.ts';
import type { CatalogTool } from './build-catalog.ts';

// Apart from build-catalog.ts, which hashes with node:crypto: the search island reaches this through search-documents.ts.

/** What a tool's own pages read beyond the listing: the definition as the server gave it, and its parameters. */
export interface LoadedDefinition {
  definition: Tool;
  parameters: readonly Parameter[];
}

/**
 * A tool's definition and parameters. A catalog read from the build's cache holds only what listings
 * show, so this reads the server's line of the cache (the last few servers read are kept): a page
 * calls it once and passes what it gives down.
 */
export function loadDefinition(tool: CatalogTool): LoadedDefinition {
  const body = tool.server.loadBody();
  return { definition: body.definitions[tool.index]!, parameters: body.parameters[tool.index]! };
}
