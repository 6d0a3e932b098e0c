import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator } from 'playwright-core';
import { launchChromium, watchConsole } from '../support/browser.ts';
import { sampleSite } from '../support/shared-sites.ts';
import { serveSite, type RunningSite } from '../support/static-server.ts';

let site: RunningSite;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  const sample = await sampleSite();
  site = await serveSite(sample.dir, sample.base);
  browser = await launchChromium();
  context = await browser.newContext();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(site.url).origin });
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

describe('a user browsing the catalog in Chromium', () => {
  it('goes from the home page to a server and on to a tool page, and copies its policy', async () => {
    const page = await context.newPage();
    const consoleMessages = watchConsole(page);
    await page.goto(site.url);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Policy Atlas');

    await page.getByRole('link', { name: 'Amazon ECS MCP Server' }).first().click();
    await page.waitForURL(/\/servers\/amazon-ecs\/$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Amazon ECS MCP Server');

    await page.getByRole('link', { name: 'esm_msk_policy', exact: true }).click();
    await page.waitForURL(/\/servers\/amazon-ecs\/esm-msk-policy\/$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('esm_msk_policy');
    await expect(page.getByText('publishes no description for this tool').count()).resolves.toBe(1);

    const shown = await page.locator('copy-policy [data-code] pre').first().innerText();
    await page.getByRole('button', { name: 'Copy policy' }).click();
    await page.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(shown);
    const policy = JSON.parse(copied);
    expect(policy).toMatchObject({ version: '1', default: 'deny' });
    expect(Object.keys(policy.tools)).toEqual(['esm_msk_policy']);

    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it("offers a tool's policy as Claude Code permissions, copied and downloaded exactly as shown, with what it leaves out", async () => {
    const page = await context.newPage();
    const consoleMessages = watchConsole(page);
    await page.goto(`${site.url}servers/amazon-ecs/esm-msk-policy/`);
    const dialect = page.locator('details#policy-claude-code');
    await expect(dialect.locator('[data-code] pre').isVisible()).resolves.toBe(false);
    await dialect.getByText('Claude Code').first().click();

    const shown = await dialect.locator('[data-code] pre').innerText();
    expect(JSON.parse(shown)).toEqual({ permissions: { allow: ['mcp__amazon-ecs__esm_msk_policy'] } });
    await dialect.getByRole('button', { name: 'Copy Claude Code rules' }).click();
    await dialect.getByRole('status').filter({ hasText: 'Copied' }).waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(shown);

    const [download] = await Promise.all([page.waitForEvent('download'), dialect.getByRole('button', { name: 'Download settings.json' }).click()]);
    expect(download.suggestedFilename()).toBe('settings.json');
    expect(readFileSync((await download.path())!, 'utf8')).toBe(`${shown}\n`);
    await expect(dialect.getByRole('link', { name: 'Open in the validator' }).count()).resolves.toBe(0);
    await expect(
      dialect
        .getByRole('listitem')
        .filter({ hasText: /limit on esm_msk_policy .* is left out/ })
        .count(),
    ).resolves.toBe(1);

    const gateway = page.locator('details#policy-agentgateway');
    await gateway.getByText('agentgateway').first().click();
    expect(JSON.parse(await gateway.locator('[data-code] pre').innerText())).toEqual({
      mcp: { policies: { mcpAuthorization: { rules: [{ allow: 'mcp.tool.target == "amazon-ecs" && mcp.tool.name == "esm_msk_policy"' }] } } },
    });
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it('flags a tool whose definition changed after it was first seen, on its page and its server page', async () => {
    const page = await context.newPage();
    await page.goto(`${site.url}servers/amazon-ecs/`);
    await page.getByRole('heading', { name: 'Recent changes' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: '2026-11-20: ecs_resource_management changed its definition' }).getByRole('link').click();
    await page.waitForURL(/\/ecs-resource-management\/$/);
    await expect(page.getByText('Definition changed on 2026-11-20').count()).resolves.toBe(1);
    await page.goto(`${site.url}servers/amazon-ecs/esm-msk-policy/`);
    await expect(page.getByText(/Definition changed on/).count()).resolves.toBe(0);
    await page.close();
  });

  it('shows the 404 page for an unknown address', async () => {
    const page = await context.newPage();
    const consoleMessages = watchConsole(page);
    const response = await page.goto(`${site.url}servers/no-such-server/`);
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Page not found');
    await page.getByRole('link', { name: 'browse all servers' }).click();
    await page.waitForURL(/\/servers\/$/);
    // The 404 response itself is the only console line Chromium writes.
    expect(consoleMessages.filter((m) => !m.includes('404'))).toEqual([]);
    await page.close();
  });

  it('keeps the footer sentences and links apart', async () => {
    const page = await context.newPage();
    await page.goto(site.url);
    const footer = await page.locator('footer').innerText();
    expect(footer).toMatch(/methodology\.\s+Deploy your own/);
    expect(footer).not.toMatch(/[a-z][.:;][A-Z]/);
    await page.close();
  });

  it.each(['light', 'dark'] as const)('paints each risk level in its own colour in the distribution bars (%s)', async (colorScheme) => {
    const page = await context.newPage();
    await page.emulateMedia({ colorScheme });
    await page.goto(site.url);
    const bars = page.locator('.distribution meter');
    expect(await bars.count()).toBe(4);
    const painted = await paintedColours(await bars.all());
    // Each level's badge text colour, e.g. --high-fg: #8a3000 -> "138,48,0,255".
    const badgeColours = await bars.evaluateAll((meters) =>
      meters.map((m) => {
        const hex = getComputedStyle(m)
          .getPropertyValue(`--${(m as HTMLElement).dataset.level}-fg`)
          .trim();
        return [...(hex.slice(1).match(/../g) ?? []).map((pair) => parseInt(pair, 16)), 255].join(',');
      }),
    );
    expect(new Set(painted).size).toBe(4);
    expect(painted).toEqual(badgeColours);
    await page.close();
  });
});

/** The colour painted just inside the start of each element (a bar's filled part), read from screenshots. */
async function paintedColours(elements: Locator[]): Promise<string[]> {
  const shots = await Promise.all(
    elements.map(async (element) => ({ png: (await element.screenshot()).toString('base64'), height: (await element.boundingBox())!.height })),
  );
  // Decoded on a blank page, which has no Content-Security-Policy to refuse data: images.
  const blank = await context.newPage();
  const colours = await blank.evaluate(async (shots) => {
    const colours: string[] = [];
    for (const { png, height } of shots) {
      const image = new Image();
      image.src = `data:image/png;base64,${png}`;
      await image.decode();
      const graphics = new OffscreenCanvas(image.width, image.height).getContext('2d')!;
      graphics.drawImage(image, 0, 0);
      colours.push([...graphics.getImageData(4, Math.floor(height / 2), 1, 1).data].join(','));
    }
    return colours;
  }, shots);
  await blank.close();
  return colours;
}
