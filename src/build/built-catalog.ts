import type { Catalog } from '../core/catalog/build-catalog.ts';

/**
 * Hands the catalog the pages computed to the integrations that run after them (search index).
 * Astro bundles the pages apart from the config that loads the integrations, so the two see
 * different copies of every module: the hand-off goes through one registered symbol, typed here.
 */
const KEY = Symbol.for('policy-atlas.built-catalog');
type Holder = { [KEY]?: Catalog };

export function shareBuiltCatalog(catalog: Catalog): void {
  (globalThis as Holder)[KEY] = catalog;
}

/** The catalog this build's pages were made from; throws when no page loaded it. */
export function builtCatalog(): Catalog {
  const catalog = (globalThis as Holder)[KEY];
  if (!catalog) throw new Error('the catalog was not loaded during the build (src/content.ts shares it)');
  return catalog;
}
