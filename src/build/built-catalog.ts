import type { Catalog } from '../core/catalog/build-catalog.ts';
import type { BuildPlan } from '../core/catalog/server-keys.ts';
import type { Shard } from '../core/catalog/shards.ts';

/**
 * Hands the catalog the pages computed, and the build plan, to the integrations that run after them
 * (reuse of unchanged pages, search index). Astro bundles the pages apart from the config that loads
 * the integrations, so the two see different copies of every module: the hand-off goes through one
 * registered symbol, typed here.
 */
const KEY = Symbol.for('policy-atlas.built-catalog');
export interface BuiltCatalog {
  catalog: Catalog;
  plan: BuildPlan;
  /** Set when this build renders one shard of the servers (no search index: `merge` makes it). */
  shard?: Shard;
}
type Holder = { [KEY]?: BuiltCatalog };

export function shareBuiltCatalog(built: BuiltCatalog): void {
  (globalThis as Holder)[KEY] = built;
}

/** The catalog this build's pages were made from, and its plan; throws when no page loaded it. */
export function builtCatalog(): BuiltCatalog {
  const built = (globalThis as Holder)[KEY];
  if (!built) throw new Error('the catalog was not loaded during the build (src/content.ts shares it)');
  return built;
}
