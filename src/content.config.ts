import { defineCollection } from 'astro:content';
import { resolve } from 'node:path';
import { loadCatalogDir } from './core/catalog/load.ts';

/** CATALOG_DIR points at another catalog with the same layout (servers/<slug>.json). */
export const catalogDir = resolve(process.env.CATALOG_DIR ?? 'data');

const servers = defineCollection({
  loader: {
    name: 'policy-atlas-servers',
    load: async ({ store, generateDigest }) => {
      store.clear();
      for (const server of loadCatalogDir(catalogDir)) {
        const data = { file: server.file, server: server.data };
        store.set({ id: server.slug, data, digest: generateDigest(data) });
      }
    },
  },
});

export const collections = { servers };
