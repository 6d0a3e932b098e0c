import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { watchConsole } from '../support/browser.ts';
import { useSiteInBrowser } from '../support/site-session.ts';

const session = useSiteInBrowser();

/** Opens /search/ with a query string and waits until results (or the empty state) are shown. */
async function search(page: Page, query: string): Promise<string[]> {
  await page.goto(`${session.site.url}search/${query}`);
  const status = page.getByRole('status');
  await status.filter({ hasText: /\d+ results?\.|No tools match/ }).waitFor();
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
    await page.getByRole('status').filter({ hasText: /\d+ results?\./ }).waitFor();
    await page.locator('[data-results] li').first().waitFor();
    const levels = await page.locator('[data-results] .badge').evaluateAll((badges) => badges.map((b) => (b as HTMLElement).dataset.level));
    expect(levels.length).toBeGreaterThan(0);
    expect(levels.length).toBeLessThan(all.length);
    expect(new Set(levels)).toEqual(new Set(['high']));
    const names = await page.locator('[data-results] li h2').allInnerTexts();

    await page.reload();
    await page.getByRole('status').filter({ hasText: /\d+ results?\./ }).waitFor();
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
    const parts = (badge: Locator) => badge.evaluate((b) => ({ level: (b as HTMLElement).dataset.level, children: [...b.children].map((c) => [c.getAttribute('aria-hidden'), c.textContent]) }));
    const inResult = await parts(page.locator('[data-results] li').first().locator('.badge'));
    await page.locator('[data-results] li a').first().click();
    await page.waitForURL(/\/esm-msk-policy\/$/);
    expect(inResult).toEqual(await parts(page.locator('main .badge').first()));
    expect(inResult.children[0]).toEqual(['true', '◆']);
    await page.close();
  });
});
