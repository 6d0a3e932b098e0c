import { createHash } from 'node:crypto';

/** One slice of a catalog's servers: shard `index` of `count`, counted from 1 as CI matrices do. */
export interface Shard {
  index: number;
  count: number;
}

export const MAX_SHARDS = 256;

/** Reads `i/n` (1 ≤ i ≤ n ≤ 256); undefined when the text is not such a pair. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d{1,3})\/(\d{1,3})$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return index >= 1 && count >= 1 && index <= count && count <= MAX_SHARDS ? { index, count } : undefined;
}

export const formatShard = (shard: Shard) => `${shard.index}/${shard.count}`;

/**
 * The shard a server belongs to, from its slug alone: every machine of a matrix agrees without
 * talking to the others, and a server stays in its shard while the catalog around it changes.
 */
export function shardOf(serverSlug: string, count: number): number {
  const hash = createHash('sha256').update(serverSlug).digest();
  return (hash.readUInt32BE(0) % count) + 1;
}
