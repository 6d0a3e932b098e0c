import type { MiddlewareHandler } from 'astro';
import job from 'virtual:policy-atlas/page-job';
import { tellBuild } from './page-job.ts';
import { isSplitRoute } from './renderers.ts';

/** How often a page process tells the build how many pages it has rendered. */
const EVERY_MS = 200;
let rendered = 0;
let toldAt = Number.NEGATIVE_INFINITY;

/**
 * Middleware of the build's page processes (page-job-integration.ts): Astro runs it for every page it
 * prerenders, so it counts them, and tells the build now and then. Of the static pages, which
 * every renderer writes, only the first renderer's count: the build keeps those.
 */
export const onRequest: MiddlewareHandler = async (context, next) => {
  const response = await next();
  if (job.renderer.index !== 1 && !isSplitRoute(context.routePattern)) return response;
  rendered++;
  const now = performance.now();
  if (now - toldAt >= EVERY_MS) {
    toldAt = now;
    void tellBuild({ type: 'pages', rendered, done: false });
  }
  return response;
};
