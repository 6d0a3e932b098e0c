/**
 * Divides an evaluation corpus by server into a tuning half and a checking half. Rules are tuned
 * looking at the first half's errors only; the second half measures how well they carry over.
 */
export const DEFAULT_SPLIT_SEED = 20261201;

export interface CorpusSplit<T> {
  tuning: T[];
  checking: T[];
}

/** FNV-1a, 32 bits: a server's place depends on its name and the seed only, not on the other files. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Orders the servers by a seeded hash of their key and gives the first half (rounded up) to tuning. */
export function splitByServer<T>(servers: readonly T[], key: (server: T) => string, seed = DEFAULT_SPLIT_SEED): CorpusSplit<T> {
  const ranked = servers
    .map((server) => ({ server, rank: hash(`${seed}:${key(server)}`), name: key(server) }))
    .sort((a, b) => a.rank - b.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const cut = Math.ceil(ranked.length / 2);
  return { tuning: ranked.slice(0, cut).map((r) => r.server), checking: ranked.slice(cut).map((r) => r.server) };
}
