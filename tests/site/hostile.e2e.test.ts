import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { watchConsole } from '../support/browser.ts';
import { listFiles } from '../support/html-files.ts';
import { HOSTILE, hostileSite } from '../support/shared-sites.ts';
import { useSiteInBrowser } from '../support/site-session.ts';

const { dir: hostileDir, catalogDir } = await hostileSite();
const session = useSiteInBrowser(HOSTILE);

describe('the hostile catalog, served with the CSP from _headers', () => {
  it('sends a CSP without unsafe-inline scripts', async () => {
    const response = await fetch(session.site.url);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp.split(';').find((d) => d.trim().startsWith('script-src'))).not.toContain('unsafe-inline');
  });

  it('gives every tool a page, whatever its name', () => {
    const data = ['script-injection', 'odd-names', 'hostile-flows'].map((s) => JSON.parse(readFileSync(join(catalogDir, 'servers', `${s}.json`), 'utf8')));
    const toolPages = listFiles(hostileDir).filter((f) => /^servers\/[^/]+\/[^/]+\/index\.html$/.test(f));
    expect(toolPages).toHaveLength(data.reduce((n, d) => n + d.tools.length, 0));
    expect(toolPages).toContain('servers/odd-names/etc-passwd/index.html');
    expect(toolPages).toContain('servers/odd-names/con-tool/index.html');
  });

  it('runs no script from data on any page: no dialog, no mark, no CSP violation, empty console', async () => {
    const pages = listFiles(hostileDir).filter((f) => f.endsWith('.html') && f !== '404.html');
    const context = await session.browser.newContext();
    await context.addInitScript(() => {
      (window as unknown as { __violations: string[] }).__violations = [];
      document.addEventListener('securitypolicyviolation', (e) =>
        (window as unknown as { __violations: string[] }).__violations.push(`${e.violatedDirective} ${e.blockedURI}`),
      );
    });
    const problems: string[] = [];
    for (const file of pages) {
      const page = await context.newPage();
      const consoleMessages = watchConsole(page);
      page.on('dialog', (dialog) => {
        problems.push(`${file}: dialog ${dialog.message()}`);
        void dialog.dismiss();
      });
      await page.goto(session.site.url + file.replace(/index\.html$/, ''), { waitUntil: 'load' });
      const { pwned, violations } = await page.evaluate(() => ({
        pwned: (window as unknown as { __pwned?: number }).__pwned,
        violations: (window as unknown as { __violations: string[] }).__violations,
      }));
      if (pwned) problems.push(`${file}: data script ran ${pwned} time(s)`);
      for (const v of violations) problems.push(`${file}: CSP violation ${v}`);
      for (const m of consoleMessages) problems.push(`${file}: console ${m}`);
      await page.close();
    }
    await context.close();
    expect(pages.length).toBeGreaterThan(30);
    expect(problems).toEqual([]);
    // Every page of the hostile site, one by one: ~35 s alone on 2 cores, more on a busy machine.
  }, 180_000);

  it('shows only https and raster data icons: never SVG, javascript: or plain http', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.site.url}servers/script-injection/hostile-icons/`);
    const sources = await page.locator('img').evaluateAll((images) => images.map((image) => image.getAttribute('src')));
    expect(sources).toHaveLength(1);
    expect(sources[0]).toMatch(/^data:image\/png;base64,/);
    await page.close();
  });

  it('shows hostile text as text', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.site.url}servers/script-injection/attack-0/`);
    expect(await page.locator('.description').innerText()).toContain('<script>window.__pwned');
    await page.goto(`${session.site.url}servers/script-injection/attack-5/`);
    expect(await page.locator('.description a').count()).toBe(0);
    await page.close();
  });

  it('shows a hostile definition history as text: every old and new text inert, the rug pulls flagged', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.site.url}servers/script-injection/changed-tool/`);
    const section = page.locator('.what-changed');
    expect(await section.locator('img, script, svg, iframe, b').count()).toBe(0);
    expect(await section.locator('del').count()).toBeGreaterThan(0);
    expect(await section.locator('ins').count()).toBeGreaterThan(0);
    // The old annotation title, removed, and the words of the new description's tag, added: shown as text.
    expect(await section.locator('del').allInnerTexts()).toContainEqual(expect.stringContaining('<!-- <script>window.__pwned'));
    expect((await section.locator('ins').allInnerTexts()).join('')).toContain('img src=x onerror=');
    expect(await section.locator('.diff code').allInnerTexts()).toContainEqual(expect.stringContaining('<img src=x onerror='));
    const flags = await section.locator('.rug-pull li').allInnerTexts();
    expect(flags).toEqual([
      expect.stringMatching(/^Possible rug pull: text aimed at the model appeared: it carries a hidden instruction block at description/),
      expect.stringMatching(/^Possible rug pull: it no longer says it is destructive/),
    ]);
    await page.close();
  });

  it('writes feeds that are well-formed XML by the strict XML parser of the browser, whatever the names and texts', async () => {
    const page = await session.browser.newPage();
    await page.goto(session.site.url);
    for (const file of ['changes.xml', 'servers/script-injection/changes.xml', 'servers/odd-names/changes.xml']) {
      const xml = readFileSync(join(hostileDir, file), 'utf8');
      const problem = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return doc.querySelector('parsererror')?.textContent ?? (doc.documentElement.namespaceURI === 'http://www.w3.org/2005/Atom' ? null : 'not Atom');
      }, xml);
      expect(problem, file).toBeNull();
    }
    const feed = readFileSync(join(hostileDir, 'servers/script-injection/changes.xml'), 'utf8');
    expect(feed).toContain('changed-tool');
    expect(feed).not.toMatch(/<(script|img|svg|iframe)\b/);
    await page.close();
  });
});
