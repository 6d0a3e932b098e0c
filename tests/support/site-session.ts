import { afterAll, beforeAll, inject } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.ts';
import { serveSite, type RunningSite } from './static-server.ts';

/**
 * For a test file: serves the built sample site under its base path and starts Chromium once,
 * closing both at the end. Read `session.site` and `session.browser` inside tests.
 */
export function useSiteInBrowser(dir: () => string = () => inject('siteDir'), base: () => string = () => inject('siteBase')) {
  const session = {} as { site: RunningSite; browser: Browser };
  beforeAll(async () => {
    session.site = await serveSite(dir(), base());
    session.browser = await launchChromium();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.site?.close();
  });
  return session;
}
