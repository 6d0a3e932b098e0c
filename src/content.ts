import { resolve } from 'node:path';
import { shareBuiltCatalog } from './build/built-catalog.ts';
import { buildCatalog } from './core/catalog/build-catalog.ts';
import { loadCatalogDir } from './core/catalog/load.ts';
import { buildRelatedIndex } from './core/catalog/related.ts';

/**
 * The one place pages get data from: the catalog is read and classified once per build. It is read
 * straight from CATALOG_DIR rather than through a content collection: the collection's data store
 * is serialized and bundled, which cost 400 MB at 10,000 tools (see the scale notes in README).
 */
export const catalog = buildCatalog(loadCatalogDir(resolve(process.env.CATALOG_DIR ?? 'data')));
export const relatedIndex = buildRelatedIndex(catalog);

// The search integration indexes this same catalog at the end of the build, in this process.
shareBuiltCatalog(catalog);
