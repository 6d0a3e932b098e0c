import { getCollection } from 'astro:content';
import { buildCatalog } from './core/catalog/build-catalog.ts';
import { buildRelatedIndex } from './core/catalog/related.ts';
import type { ServerFile } from './core/schema/server.ts';

// The one place pages get data from: the collection is read and classified once per build.
const entries = await getCollection('servers');
export const catalog = buildCatalog(
  entries.map((entry) => {
    const data = entry.data as { file: string; server: ServerFile };
    return { slug: entry.id, file: data.file, data: data.server };
  }),
);
export const relatedIndex = buildRelatedIndex(catalog);
