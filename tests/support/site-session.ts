import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { sharedBuild, type BuiltSite, type SharedSite } from './shared-build.ts';
import { SAMPLE_UNDER_BASE } from './shared-sites.ts';
import { serveSite, type RunningSite } from './static-server.ts';

/**
 * For a test file: serves a shared site (by default the sample catalog under its base path) and
 * starts Chromium once, closing both at the end. Read `session.site`, `session.browser` and
 * `session.built` inside tests.
 */
export function useSiteInBrowser(shared: SharedSite = SAMPLE_UNDER_BASE) {
  const session = {} as { site: RunningSite; browser: Browser; built: BuiltSite };
  beforeAll(async () => {
    session.built = await sharedBuild(shared);
    session.site = await serveSite(session.built.dir, session.built.base);
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.site?.close();
  });
  return session;
}
