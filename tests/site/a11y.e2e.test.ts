import { describe, expect, it } from 'vitest';
import { axeViolations } from '../support/axe.ts';
import { useSiteInBrowser } from '../support/site-session.ts';

const session = useSiteInBrowser();

const PAGES = [
  ['home', ''],
  ['a server page', 'servers/amazon-ecs/'],
  ['a tool page', 'servers/amazon-ecs/esm-msk-policy/'],
  ['a tool page with a long description', 'servers/amazon-ecs/ecs-resource-management/'],
  ['search with results', 'search/?q=delete&level=high'],
  ['a browse page', 'risk/critical/'],
  ['the policy validator', 'policy/'],
  ['the methodology page', 'methodology/'],
  ['the accuracy page', 'methodology/accuracy/'],
  ['a tool page whose hints disagree', 'servers/postgres-admin/query/'],
] as const;

describe('accessibility (axe-core) in light and dark', () => {
  it.each(PAGES.flatMap(([name, path]) => (['light', 'dark'] as const).map((scheme) => [name, path, scheme] as const)))(
    '%s (%s, %s) has no serious or critical violations',
    async (_name, path, scheme) => {
      // axe is injected as a script, which the site's CSP rightly refuses.
      const page = await session.browser.newPage({ colorScheme: scheme, bypassCSP: true });
      await page.goto(session.site.url + path);
      if (path.startsWith('search')) await page.locator('[data-results] li').first().waitFor();
      const violations = await axeViolations(page);
      expect(violations).toEqual([]);
      await page.close();
    },
  );
});
