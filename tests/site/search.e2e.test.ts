import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { watchConsole } from '../support/browser.ts';
import { useSiteInBrowser } from '../support/site-session.ts';

const session = useSiteInBrowser();
const resultNames = (page: Page) => page.locator('[data-results] li h2').allInnerTexts();
// An exact count once every matching server's tools are loaded, else the number of servers.
const FOUND = /\d+ results?\.|[\d,]+ servers match|No tools match/;
const queryInUrl = (page: Page) => new URL(page.url()).searchParams.get('q');

/** Opens /search/ with a query string and waits until results (or the empty state) are shown. */
async function search(page: Page, query: string): Promise<string[]> {
  await page.goto(`${session.site.url}search/${query}`);
  const status = page.getByRole('status');
  await status.filter({ hasText: FOUND }).waitFor();
  if (/No tools match/.test(await status.innerText())) return [];
  await page.locator('[data-results] li').first().waitFor();
  return page.locator('[data-results] li h2').allInnerTexts();
}

describe('search on the static site under a base path', () => {
  it.each([
    ['esm_msk_policy', 'esm_msk_policy'],
    ['list-databases', 'list-databases'],
    ['getUserProfile', 'getUserProfile'],
    ['msk policy', 'esm_msk_policy'],
    ['list databases', 'list-databases'],
    ['user profile', 'getUserProfile'],
    // Parameter names are searched too (as index metadata).
    ['includeTemplates', 'list-databases'],
  ])('ranks %s first with the tool %s', async (query, tool) => {
    const page = await session.browser.newPage();
    const consoleMessages = watchConsole(page);
    const names = await search(page, `?q=${encodeURIComponent(query)}`);
    expect(names[0]).toBe(tool);
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it('filters by level, keeps the state in the URL and restores it on reload', async () => {
    const page = await session.browser.newPage();
    const consoleMessages = watchConsole(page);
    const all = await search(page, '?q=delete');
    // Counts load when the facets are reached for.
    await page.getByRole('checkbox', { name: 'High', exact: true }).focus();
    await page.getByRole('checkbox', { name: /^High \(\d+\)$/ }).check();
    await page.waitForURL(/[?&]level=high/);
    await page
      .getByRole('status')
      .filter({ hasText: /\d+ results?\./ })
      .waitFor();
    await page.locator('[data-results] li').first().waitFor();
    const levels = await page.locator('[data-results] .badge').evaluateAll((badges) => badges.map((b) => (b as HTMLElement).dataset.level));
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.length).toBeLessThan(all.length);
    expect(new Set(levels)).toEqual(new Set(['high']));
    const names = await page.locator('[data-results] li h2').allInnerTexts();

    await page.reload();
    await page
      .getByRole('status')
      .filter({ hasText: /\d+ results?\./ })
      .waitFor();
    await page.locator('[data-results] li').first().waitFor();
    expect(await page.locator('[data-results] li h2').allInnerTexts()).toEqual(names);
    expect(await page.getByRole('checkbox', { name: /^High/ }).isChecked()).toBe(true);
    expect(await page.getByRole('searchbox', { name: 'Tool name or words' }).inputValue()).toBe('delete');
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it('says so honestly when nothing matches', async () => {
    const page = await session.browser.newPage();
    expect(await search(page, '?q=zzzqqqxxnothing')).toEqual([]);
    await page.close();
  });

  it('shows a visible error when the index cannot load', async () => {
    const page = await session.browser.newPage();
    await page.route('**/pagefind/pagefind.js', (route) => route.fulfill({ status: 404, body: 'gone' }));
    await page.goto(`${session.site.url}search/?q=policy`);
    await page.getByRole('status').filter({ hasText: 'could not be loaded' }).waitFor();
    await page.close();
  });

  it('submits the header search box to the search page', async () => {
    const page = await session.browser.newPage();
    const consoleMessages = watchConsole(page);
    await page.goto(session.site.url);
    await page.getByRole('searchbox', { name: 'Search tools' }).fill('esm_msk_policy');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/atlas\/search\/\?q=esm_msk_policy/);
    await page.locator('[data-results] li').first().waitFor();
    expect(await page.locator('[data-results] li h2').first().innerText()).toBe('esm_msk_policy');
    // Every result is shown, so there is nothing more to show.
    expect(await page.getByRole('button', { name: 'Show more results' }).isVisible()).toBe(false);
    await page.locator('[data-results] li a').first().click();
    await page.waitForURL(/\/atlas\/servers\/amazon-ecs\/esm-msk-policy\/$/);
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it('shows the description in a result, not the words added for the index', async () => {
    const page = await session.browser.newPage();
    expect((await search(page, '?q=list+databases'))[0]).toBe('list-databases');
    const texts = await page.locator('[data-results] li').allInnerTexts();
    expect(texts[0]).toContain('Lists the databases on the PostgreSQL server');
    for (const text of texts) expect(text).not.toMatch(/\(\S+: [^()]*\.\)|Parameters:/);
    // A tool without a description says so, rather than showing its name's words.
    expect((await search(page, '?q=msk+policy'))[0]).toBe('esm_msk_policy');
    const first = await page.locator('[data-results] li').first().innerText();
    expect(first).not.toContain('(esm_msk_policy:');
    expect(first).toContain('No description');
    await page.close();
  });

  it("draws a result's risk badge like the tool page's: the same shape mark and text", async () => {
    const page = await session.browser.newPage();
    await search(page, '?q=esm_msk_policy');
    const parts = (badge: Locator) =>
      badge.evaluate((b) => ({
        level: (b as HTMLElement).dataset.level,
        children: [...b.children].map((c) => [c.getAttribute('aria-hidden'), c.textContent]),
      }));
    const inResult = await parts(page.locator('[data-results] li').first().locator('.badge'));
    await page.locator('[data-results] li a').first().click();
    await page.waitForURL(/\/esm-msk-policy\/$/);
    expect(inResult).toEqual(await parts(page.locator('main .badge').first()));
    expect(inResult.children[0]).toEqual(['true', '◆']);
    await page.close();
  });

  describe('the query box and filters against quick input (no stale state)', () => {
    it('keeps words typed before the search script started, and searches for them', async () => {
      const page = await session.browser.newPage();
      let startScript!: () => void;
      const scriptHeld = new Promise<void>((resolve) => (startScript = resolve));
      await page.route('**/_astro/*.js', async (route) => {
        await scriptHeld;
        await route.continue();
      });
      await page.goto(`${session.site.url}search/`, { waitUntil: 'commit' });
      const box = page.getByRole('searchbox', { name: 'Tool name or words' });
      await box.fill('list databases');
      startScript();
      await page
        .getByRole('status')
        .filter({ hasText: /\d+ results?\.|Type a tool name/ })
        .waitFor();
      expect(await box.inputValue()).toBe('list databases');
      expect(queryInUrl(page)).toBe('list databases');
      await page.locator('[data-results] li').first().waitFor();
      expect((await resultNames(page))[0]).toBe('list-databases');
      await page.close();
    });

    it("never shows an earlier query's late results once a later query is typed", async () => {
      const page = await session.browser.newPage();
      await page.goto(`${session.site.url}search/`);
      await page.getByRole('status').filter({ hasText: 'Type a tool name' }).waitFor();
      // Each time the list changes: what the box held and the first result shown.
      await page.evaluate(() => {
        const seen: string[][] = ((window as unknown as { seen: string[][] }).seen = []);
        const box = document.querySelector<HTMLInputElement>('#search-query')!;
        const list = document.querySelector('[data-results]')!;
        new MutationObserver(() => seen.push([box.value, list.querySelector('h2')?.textContent ?? ''])).observe(list, { childList: true });
      });
      let release!: () => void;
      const fragmentsHeld = new Promise<void>((resolve) => (release = resolve));
      await page.route('**/pagefind/fragment/**', async (route) => {
        await fragmentsHeld;
        await route.continue();
      });
      const box = page.getByRole('searchbox', { name: 'Tool name or words' });
      const firstQueryLoading = page.waitForRequest(/\/pagefind\/fragment\//);
      await box.fill('esm_msk_policy');
      await firstQueryLoading;
      await box.fill('list databases');
      release();
      await page.locator('[data-results] li h2', { hasText: /^list-databases$/ }).waitFor();
      expect(queryInUrl(page)).toBe('list databases');
      const seen = await page.evaluate(() => (window as unknown as { seen: string[][] }).seen);
      expect(seen.filter(([, first]) => first === 'esm_msk_policy')).toEqual([]);
      await page.close();
    });

    it('searches for what is in the box when Enter is pressed at once, or a filter is picked at once', async () => {
      const page = await session.browser.newPage();
      const consoleMessages = watchConsole(page);
      await search(page, '?q=delete');
      const box = page.getByRole('searchbox', { name: 'Tool name or words' });
      await box.fill('list databases');
      await box.press('Enter');
      expect(queryInUrl(page)).toBe('list databases');
      await page.locator('[data-results] li h2', { hasText: /^list-databases$/ }).waitFor();
      expect((await resultNames(page))[0]).toBe('list-databases');

      await box.fill('delete');
      await page.getByRole('checkbox', { name: /^Critical/ }).check();
      expect(queryInUrl(page)).toBe('delete');
      expect(new URL(page.url()).searchParams.getAll('level')).toEqual(['critical']);
      await page
        .getByRole('status')
        .filter({ hasText: /\d+ results?\./ })
        .waitFor();
      await expect
        .poll(() => page.locator('[data-results] .badge').evaluateAll((badges) => [...new Set(badges.map((b) => (b as HTMLElement).dataset.level))]))
        .toEqual(['critical']);
      expect(consoleMessages).toEqual([]);
      await page.close();
    });

    it('adds each result once when "Show more" is clicked twice quickly', async () => {
      const page = await session.browser.newPage();
      await search(page, '?level=medium');
      const more = page.getByRole('button', { name: 'Show more results' });
      await more.dblclick();
      await page.locator('[data-results] li').nth(39).waitFor();
      const items = page.locator('[data-results] li');
      while (await more.isVisible()) {
        const before = await items.count();
        // The button hides itself once the last batch is in: a click may find it gone.
        await more.click({ timeout: 2000 }).catch(() => undefined);
        await expect.poll(async () => (await items.count()) > before || !(await more.isVisible())).toBe(true);
      }
      // Every server is loaded now, so the status counts the results exactly.
      const total = Number(/(\d+) results/.exec(await page.getByRole('status').innerText())![1]);
      expect(total).toBeGreaterThan(40);
      await expect.poll(() => page.locator('[data-results] li').count()).toBe(total);
      const names = await page.locator('[data-results] li a').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).pathname));
      expect(new Set(names).size).toBe(total);
      await page.close();
    });

    it('keeps the results "Show more" added when the filter counts arrive', async () => {
      const page = await session.browser.newPage();
      await search(page, '?q=returns');
      await page.getByRole('button', { name: 'Show more results' }).click();
      await page.locator('[data-results] li').nth(20).waitFor();
      const shown = await page.locator('[data-results] li').count();
      // Reaching for the facets loads their counts, which searches again.
      await page.locator('.search-facets').hover();
      await page.getByRole('checkbox', { name: /^High \(\d+\)$/ }).waitFor();
      expect(await page.locator('[data-results] li').count()).toBe(shown);
      await page.close();
    });
  });

  it.each([
    ['?q=msk+policy', 'a desktop screen', { width: 1280, height: 800 }],
    ['?q=msk+policy', 'a phone', { width: 412, height: 823 }],
    // Many results with long excerpts, each larger than the results area's placeholder.
    ['?q=returns', 'a desktop screen', { width: 1280, height: 800 }],
  ])('loads %s on %s without moving anything (CLS < 0.02), its largest content painted before the index', async (query, _screen, viewport) => {
    const page = await session.browser.newPage({ viewport });
    await page.addInitScript(() => {
      const w = window as unknown as { shifts: number[]; lcp: number[]; resultsAt?: number };
      w.shifts = [];
      w.lcp = [];
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
          if (!entry.hadRecentInput) w.shifts.push(entry.value);
      }).observe({ type: 'layout-shift', buffered: true });
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.lcp.push(entry.startTime);
      }).observe({ type: 'largest-contentful-paint', buffered: true });
      new MutationObserver(() => {
        if (document.querySelector('[data-results] li')) w.resultsAt ??= performance.now();
      }).observe(document, { childList: true, subtree: true });
    });
    // The index arrives late, as on a slow network: nothing may move when it does.
    await page.route('**/pagefind/pagefind.js', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 600));
      await route.continue();
    });
    await page.goto(`${session.site.url}search/${query}`);
    await page.locator('[data-results] li').first().waitFor();
    await page.waitForTimeout(500);
    const measured = await page.evaluate(() => {
      const w = window as unknown as { shifts: number[]; lcp: number[]; resultsAt: number };
      return { shifts: w.shifts, lcp: w.lcp, resultsAt: w.resultsAt };
    });
    const cls = measured.shifts.reduce((sum, value) => sum + value, 0);
    expect(cls).toBeLessThan(0.02);
    expect(measured.lcp.length).toBeGreaterThan(0);
    expect(Math.max(...measured.lcp)).toBeLessThan(measured.resultsAt);
    await page.close();
  });
});
