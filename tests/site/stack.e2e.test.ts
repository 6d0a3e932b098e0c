import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { loadCatalogDir } from '../../src/build/catalog/load.ts';
import { POLICY_FORMATS } from '../../src/core/dialects/formats.ts';
import { stackPolicy } from '../../src/core/flows/stack-policy.ts';
import { validatePolicyText } from '../../src/core/policy/validate.ts';
import { axeViolations } from '../support/axe.ts';
import { watchConsole } from '../support/browser.ts';
import { HOSTILE } from '../support/shared-sites.ts';
import { useSiteInBrowser } from '../support/site-session.ts';

const session = useSiteInBrowser();
const hostile = useSiteInBrowser(HOSTILE);

/** Every response the page gets, with its size: what a visit costs. */
function watchLoads(page: Page): { path: string; bytes: number }[] {
  const loads: { path: string; bytes: number }[] = [];
  page.on('response', async (response) => {
    const body = await response.body().catch(() => Buffer.alloc(0));
    loads.push({ path: new URL(response.url()).pathname, bytes: body.length });
  });
  return loads;
}

async function addServer(page: Page, query: string, name: string) {
  await page.getByRole('searchbox', { name: /Add a server/ }).fill(query);
  await page.getByRole('button', { name: `Add ${name}` }).click();
  await page.getByRole('list', { name: 'Your stack' }).getByRole('link', { name }).waitFor();
}

describe('the stack page', () => {
  it('picks three servers by name, shows the flows across them and downloads one policy the validator accepts', async () => {
    const context = await session.browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const consoleMessages = watchConsole(page);
    const loads = watchLoads(page);
    await page.goto(`${session.site.url}stack/`);

    // Neither server makes a flow on its own: the flows appear only across them.
    await addServer(page, 'filesys', 'Filesystem MCP Server');
    await page.getByText('These servers make no toxic flow together').waitFor();
    await addServer(page, 'PUPP', 'Puppeteer MCP Server');
    await addServer(page, 'utilities', 'Dev Utilities MCP Server');
    expect(new URL(page.url()).search).toBe('?s=filesystem&s=puppeteer&s=dev-utilities');

    const flows = page.locator('[data-flows] > li');
    await flows.filter({ hasText: 'The lethal trifecta' }).waitFor();
    expect(await flows.locator('> strong').allInnerTexts()).toEqual(['Private data → outside.', 'Untrusted content → destruction.', 'The lethal trifecta.']);
    const exfiltration = await flows.first().locator('li').allInnerTexts();
    expect(exfiltration[0]).toMatch(/^Reads private data: Filesystem MCP Server .*read_file/);
    expect(exfiltration[1]).toMatch(/^Sends outside: Puppeteer MCP Server puppeteer_evaluate, puppeteer_navigate; Dev Utilities MCP Server /);
    const diagram = page.getByRole('img', { name: 'Toxic flows of a stack of 3 servers' });
    await expect(diagram.locator('text').allTextContents()).resolves.toEqual(expect.arrayContaining(['Reads private data', 'Sends outside', 'sent out']));

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download policy.json' }).click()]);
    expect(download.suggestedFilename()).toBe('policy.json');
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toBe(`${await page.locator('[data-policy]').innerText()}\n`);
    const result = validatePolicyText(text);
    expect(result).toMatchObject({ ok: true, problems: [] });
    const tools = result.policy!.tools!;
    expect(tools.read_file).toBeDefined();
    expect(tools.puppeteer_navigate).toBeDefined();
    // One cut by default: the sends need a person, the reads stay as their own pages recommend.
    expect(Object.values(tools).some((rule) => rule.action === 'require_approval' && rule.reason?.includes('toxic flow'))).toBe(true);
    expect(Object.values(tools).some((rule) => rule.action === 'deny' && rule.reason?.includes('toxic flow'))).toBe(false);
    expect(tools.read_file!.action).toBeUndefined();

    // The strict cut is one click away and denies a leg besides.
    await page.getByText('The strict policy: deny a leg of each flow too').click();
    const [strictDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download policy-strict.json' }).click()]);
    const strict = validatePolicyText(readFileSync((await strictDownload.path())!, 'utf8'));
    expect(strict).toMatchObject({ ok: true, problems: [] });
    expect(Object.values(strict.policy!.tools!).some((rule) => rule.action === 'deny' && rule.reason?.includes('toxic flow'))).toBe(true);

    // What the visit loaded: the name list once, the three servers' flows.json, never the catalog.
    const data = loads
      .filter((load) => load.path.endsWith('.json'))
      .map((load) => load.path.replace(/^\/atlas/, ''))
      .sort();
    expect(data).toEqual(['/servers/dev-utilities/flows.json', '/servers/filesystem/flows.json', '/servers/puppeteer/flows.json', '/stack/servers.json']);
    const total = loads.reduce((sum, load) => sum + load.bytes, 0);
    console.info(`stack page with three servers loaded ${loads.length} files, ${total} bytes: ${loads.map((l) => `${l.path} ${l.bytes}`).join(', ')}`);
    expect(consoleMessages).toEqual([]);
    await context.close();
  });

  it('shows the stack policy in every client format, each server under its name, loading the writers only for a stack', async () => {
    const context = await session.browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    const consoleMessages = watchConsole(page);
    const loads = watchLoads(page);
    await page.goto(`${session.site.url}stack/`);
    await page.getByRole('searchbox', { name: /Add a server/ }).waitFor();
    const writers = () => loads.filter((load) => /\/stack-dialects\.[\w-]+\.js$/.test(load.path));
    // An empty stack has no policy to write: the writers' chunk waits for a server.
    expect(writers()).toEqual([]);

    await addServer(page, 'filesys', 'Filesystem MCP Server');
    await addServer(page, 'PUPP', 'Puppeteer MCP Server');
    await page.getByText('This policy for your client or gateway').click();
    const formats = page.locator('[data-formats]');
    const summaries = formats.locator('details.dialect > summary');
    await summaries.first().waitFor();
    expect(await summaries.allInnerTexts()).toEqual([
      'Claude Code (settings.json)',
      'agentgateway (agentgateway-mcp-authorization.json)',
      'Gemini CLI (policy-atlas.toml)',
      'Codex (config.toml)',
      'Cursor (permissions.json)',
      'Cline or Roo Code (mcp_settings.json)',
    ]);
    expect(writers()).toHaveLength(1);

    await formats.getByText('Gemini CLI (policy-atlas.toml)').click();
    const gemini = await formats.locator('#stack-policy-gemini-cli pre').innerText();
    expect(gemini).toMatch(/^mcpName = "filesystem"$/m);
    expect(gemini).toMatch(/^mcpName = "puppeteer"$/m);
    await formats.getByText('Codex (config.toml)').click();
    const codex = await formats.locator('#stack-policy-codex pre').innerText();
    expect(codex).toMatch(/^\[mcp_servers\.filesystem\]$/m);
    expect(codex).toMatch(/^\[mcp_servers\.puppeteer\]$/m);
    // The very texts `policy-atlas policy --servers filesystem,puppeteer --for <format>` writes from the sample catalog.
    const catalog = buildCatalog(loadCatalogDir('data'));
    const stack = stackPolicy(['filesystem', 'puppeteer'].map((slug) => catalog.servers.find((server) => server.slug === slug)!));
    for (const id of ['gemini-cli', 'codex']) {
      await expect(formats.locator(`#stack-policy-${id} pre`).textContent(), id).resolves.toBe(POLICY_FORMATS[id]!.write(stack.policy, stack.servers).text);
    }
    // What the format cannot say is listed under it, as on tool and server pages.
    await expect(formats.locator('#stack-policy-codex li').count()).resolves.toBeGreaterThan(0);

    await formats.getByRole('button', { name: 'Copy Codex rules' }).click();
    await formats.locator('#stack-policy-codex').getByText('Copied to the clipboard.').waitFor();
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(codex);

    // The strict policy has its own formats, its denials among them.
    await page.getByText('The strict policy: deny a leg of each flow too').click();
    await page.getByText('The strict policy for your client or gateway').click();
    const strictFormats = page.locator('[data-strict-formats]');
    await strictFormats.getByText('Claude Code (settings.json)').click();
    const strictClaude = JSON.parse(await strictFormats.locator('#stack-strict-policy-claude-code pre').innerText()) as { permissions: { deny?: string[] } };
    expect(strictClaude.permissions.deny?.some((rule) => rule.startsWith('mcp__filesystem__') || rule.startsWith('mcp__puppeteer__'))).toBe(true);
    expect(consoleMessages).toEqual([]);
    await context.close();
  });

  it.each(['light', 'dark'] as const)('has no serious or critical axe violations with flows and client formats shown (%s)', async (colorScheme) => {
    const page = await session.browser.newPage({ bypassCSP: true, colorScheme });
    await page.goto(`${session.site.url}stack/?s=filesystem&s=puppeteer`);
    await page.locator('[data-flows] > li').filter({ hasText: 'The lethal trifecta' }).waitFor();
    // The client formats open, one of them unfolded: their markup is checked too.
    await page.getByText('This policy for your client or gateway').click();
    await page.locator('#stack-policy-codex > summary').click();
    await page.locator('#stack-policy-codex pre').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.close();
  });

  it('opens a shared link with the same stack, says what did not load, and removes a server', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.site.url}stack/?s=filesystem&s=puppeteer&s=not-a-server&s=..%2Fx`);
    await page.getByText('Could not load not-a-server').waitFor();
    await page.locator('[data-flows] > li').filter({ hasText: 'The lethal trifecta' }).waitFor();
    expect(await page.getByRole('list', { name: 'Your stack' }).getByRole('listitem').count()).toBe(3);

    await page.getByRole('button', { name: 'Remove Puppeteer MCP Server' }).click();
    await page.getByText('These servers make no toxic flow together').waitFor();
    expect(new URL(page.url()).search).toBe('?s=filesystem&s=not-a-server');
    await page.close();
  });

  it('draws the flows of a server on its page without script, with a text equivalent', async () => {
    const page = await session.browser.newPage({ javaScriptEnabled: false });
    await page.goto(`${session.site.url}servers/mail-calendar/`);
    const diagram = page.getByRole('img', { name: 'Toxic flows of Mail and Calendar MCP Server' });
    await expect(diagram.getAttribute('aria-describedby')).resolves.toBe('flow-diagram-desc');
    const legs = await page.locator('.flow-legs').innerText();
    expect(legs).toContain('Sends outside (2)');
    expect(legs).toContain('SendEmail');
    await page.getByRole('link', { name: 'a stack' }).waitFor();
    // Both policies are in the page, the strict one folded: a choice that needs no script.
    await page.getByText('The strict policy: deny a leg of each flow too').click();
    await expect(page.locator('#strict-policy').innerText()).resolves.toContain('"action": "deny"');
    await page.close();

    const checked = await session.browser.newPage({ bypassCSP: true });
    await checked.goto(`${session.site.url}servers/mail-calendar/`);
    expect(await axeViolations(checked)).toEqual([]);
    await checked.close();
  });
});

describe('hostile names in flows', () => {
  it('draws them as text on the server page and on the stack page, running nothing', async () => {
    const page = await hostile.browser.newPage();
    const consoleMessages = watchConsole(page);
    for (const path of ['servers/hostile-flows/', 'stack/?s=hostile-flows']) {
      await page.goto(`${hostile.site.url}${path}`);
      const diagram = page.getByRole('img', { name: /^Toxic flows of Flows <svg onload=/ });
      await diagram.waitFor();
      const texts = await diagram.locator('text').allTextContents();
      expect(texts).toContain('<img src=x onerror="window…');
      // The right-to-left override shows as an escape, so the name cannot pass for another.
      expect(texts).toContain('send\\u202eexe.txt');
      await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    }
    await expect(page.locator('[data-flows] code').filter({ hasText: '<script>' }).count()).resolves.toBeGreaterThan(0);
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it('writes them as text in the client formats of the stack page, running nothing', async () => {
    const page = await hostile.browser.newPage();
    const consoleMessages = watchConsole(page);
    await page.goto(`${hostile.site.url}stack/?s=hostile-flows&s=odd-names`);
    await page.getByText('This policy for your client or gateway').click();
    const formats = page.locator('[data-formats]');
    for (const id of ['gemini-cli', 'codex']) {
      await formats.locator(`#stack-policy-${id} > summary`).click();
      const text = await formats.locator(`#stack-policy-${id} pre`).innerText();
      expect(text, id).toContain('hostile-flows');
      expect(text, id).toContain('odd-names');
    }
    const texts = (await formats.locator('pre').allTextContents()).join('\n');
    expect(texts).toContain('<img src=x onerror=');
    expect(texts).toContain('<script>');
    expect(await formats.locator('img, script, svg, iframe').count()).toBe(0);
    await expect(page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).resolves.toBeUndefined();
    expect(consoleMessages).toEqual([]);
    await page.close();
  });
});
