import { shardOf } from '../catalog/shards.ts';

/**
 * Pagefind writes an index in one thread (~90 s at 250,000 tools, after the pages). A large build
 * writes it as several bundles at once, each holding the servers of one hash bucket, in a process of
 * its own; the search page merges them in the browser (Pagefind's mergeIndex, which shares the
 * first bundle's WebAssembly and adds each bundle's small entry and page table).
 */
export interface SearchBundle {
  index: number;
  count: number;
}

/** Folder of bundle `index` (from 1) inside the first bundle's folder (pagefind/): `b2/`, `b3/`… */
export const searchBundleFolder = (index: number) => `b${index}`;

/** The bundles the search page merges into the first, as paths below its folder. */
export const mergedBundleFolders = (count: number): string[] => Array.from({ length: Math.max(0, count - 1) }, (_, i) => `${searchBundleFolder(i + 2)}/`);

/** Whether a server's search document belongs to a bundle: by its slug alone, as shards are cut. */
export const inSearchBundle = (serverSlug: string, bundle: SearchBundle | undefined) => !bundle || bundle.count <= 1 || shardOf(serverSlug, bundle.count) === bundle.index;

/** Reads the bundle count the build passes to the pages' processes; 1 for anything else. */
export function parseBundleCount(text: string | undefined): number {
  const count = Number(text);
  return Number.isInteger(count) && count >= 1 && count <= 16 ? count : 1;
}
