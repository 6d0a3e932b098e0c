import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { serveSite, type RunningSite } from '../support/static-server.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
let site: RunningSite;
let browser: Browser;

beforeAll(async () => {
  site = await serveSite(inject('siteDir'), inject('siteBase'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

const PAGES = [
  ['home', ''],
  ['a server page', 'servers/amazon-ecs/'],
  ['a tool page', 'servers/amazon-ecs/esm-msk-policy/'],
  ['a tool page with a long description', 'servers/amazon-ecs/ecs-resource-management/'],
  ['search with results', 'search/?q=delete&level=high'],
  ['a browse page', 'risk/critical/'],
  ['the methodology page', 'methodology/'],
] as const;

describe('accessibility (axe-core) in light and dark', () => {
  it.each(PAGES.flatMap(([name, path]) => (['light', 'dark'] as const).map((scheme) => [name, path, scheme] as const)))(
    '%s (%s, %s) has no serious or critical violations',
    async (_name, path, scheme) => {
      // axe is injected as a script, which the site's CSP rightly refuses.
      const page = await browser.newPage({ colorScheme: scheme, bypassCSP: true });
      await page.goto(site.url + path);
      if (path.startsWith('search')) await page.locator('[data-results] li').first().waitFor();
      await page.addScriptTag({ content: axeSource });
      const violations = await page.evaluate(async () => {
        const result = await (window as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe.run();
        return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      });
      expect(violations).toEqual([]);
      await page.close();
    },
  );
});
