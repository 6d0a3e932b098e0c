import { manifestOf } from './build-manifest.ts';
import type { PagePlanReport } from './page-job.ts';
import { assignRenderers, serverPageCount, type Renderer } from './renderers.ts';
import { planBuild } from './server-keys.ts';
import type { Shard } from './shards.ts';

export interface PlanInput {
  /** The catalog's servers, in its order. */
  servers: readonly { slug: string; tools: number }[];
  /** Every server's key (server-keys.ts); none when the build has no fingerprint, and then every server is rendered. */
  keys: ReadonlyMap<string, string>;
  /** The keys of the servers whose pages the previous build holds. */
  previousKeys?: ReadonlyMap<string, string>;
  shard?: Shard;
  renderer: Renderer;
}

export interface PagePlan {
  /** Whether this renderer renders the server's pages. */
  renders(serverSlug: string): boolean;
  /** Whether this renderer renders listing pages at all: a shard leaves them to `merge`, which renders them from the whole catalog. */
  rendersListings: boolean;
  /** Whether this renderer renders a listing's `i`-th page (from 0): every count-th. */
  rendersListingPage(i: number): boolean;
  /** What the first renderer reports to the build; the others report nothing. */
  report?: PagePlanReport;
}

/**
 * Which pages one renderer renders. The servers of the build (all, or a shard's) whose key the
 * previous build holds too are linked from it, not rendered; the others are split between the
 * renderers, each renderer computing the same split from the same input.
 */
export function planPages({ servers, keys, previousKeys, shard, renderer }: PlanInput): PagePlan {
  const plan = planBuild(new Map(keys), previousKeys, shard);
  const planned = servers.filter((server) => plan.renders(server.slug));
  const split =
    renderer.count > 1
      ? assignRenderers(
          planned.map((server) => ({ slug: server.slug, pages: serverPageCount(server.tools) })),
          renderer.count,
        )
      : undefined;
  const first = renderer.index === 1;
  const toolCounts = new Map(servers.map((server) => [server.slug, server.tools]));
  const files = new Map([...plan.keys.keys()].map((slug) => [slug, serverPageCount(toolCounts.get(slug) ?? 0)]));
  return {
    renders: (slug) => plan.renders(slug) && (!split || split.get(slug) === renderer.index),
    rendersListings: !shard,
    rendersListingPage: (i) => !shard && i % renderer.count === renderer.index - 1,
    ...(first
      ? {
          report: {
            servers: { planned: planned.length, of: servers.length },
            tools: planned.reduce((sum, server) => sum + server.tools, 0),
            ...(plan.keys.size > 0 || shard ? { manifest: manifestOf(plan.keys, files, shard) } : {}),
          },
        }
      : {}),
  };
}
