import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { watchConsole } from '../support/browser.ts';
import { useSiteInBrowser } from '../support/site-session.ts';

const session = useSiteInBrowser();

const RATE_POLICY = JSON.stringify(
  {
    version: '1',
    default: 'deny',
    tools: { list_tables: { limits: [{ counter: 'lt', window: 'minute', max: 60, scope: 'grant' }] } },
  },
  null,
  2,
);

/** Records the duration of every long task (over 50 ms) from the start of the page. */
async function watchLongTasks(page: Page): Promise<() => Promise<number[]>> {
  await page.addInitScript(() => {
    const tasks: number[] = ((window as unknown as { longTasks: number[] }).longTasks = []);
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => tasks.push(entry.duration))).observe({ type: 'longtask', buffered: true });
  });
  return () => page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks.splice(0));
}

// 300 patterns of 250 characters with one prefix: no two tie (their last characters differ), but
// proving it walks most of the 62,500 pairs of positions of each pair of patterns.
const OVERLAPPING = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`p_${'*a'.repeat(120)}*_${i}`, {}]));
const linkTo = (url: string, policy: unknown) => `${url}policy/#policy=${encodeURIComponent(JSON.stringify(policy))}`;

describe('the policy validator island', () => {
  it('shows a schema error at the line it sits on, then clears it when fixed', async () => {
    const page = await session.browser.newPage();
    const consoleMessages = watchConsole(page);
    await page.goto(`${session.site.url}policy/`);
    const editor = page.getByRole('textbox', { name: 'Your policy (JSON)' });
    const bad = RATE_POLICY.replace('"max": 60', '"max": 0').replace('"scope": "grant"', '"scope": "grant", "limit": 1');
    await editor.fill(bad);
    const status = page.locator('[data-summary]');
    await status.filter({ hasText: /2 errors/ }).waitFor();
    const problems = await page.locator('[data-problems] li').allInnerTexts();
    const lineOf = (text: string) => bad.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(problems.find((p) => p.includes('max'))).toContain(`line ${lineOf('"max": 0')}:`);
    expect(problems.find((p) => p.includes('"limit"'))).toContain(`line ${lineOf('"limit": 1')}:`);

    await editor.fill('{\n  "version": "1",\n  "default": "deny",,\n}');
    await status.filter({ hasText: /1 error/ }).waitFor();
    expect(await page.locator('[data-problems] li').first().innerText()).toMatch(/line 3:\d+/);

    await editor.fill(RATE_POLICY);
    await status.filter({ hasText: /^Valid policy/ }).waitFor();
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it('rate-limits the 61st of 61 calls against a 60-a-minute rule', async () => {
    const page = await session.browser.newPage();
    const consoleMessages = watchConsole(page);
    await page.goto(`${session.site.url}policy/`);
    // No wait for the summary: it already read "Valid policy" for the example, and Simulate checks the editor's text itself.
    await page.getByRole('textbox', { name: 'Your policy (JSON)' }).fill(RATE_POLICY);
    await page.getByRole('combobox', { name: 'Tool' }).fill('list_tables');
    await page.getByRole('spinbutton', { name: 'Number of calls' }).fill('61');
    await page.getByRole('spinbutton', { name: 'Spread over (seconds)' }).fill('30');
    await page.getByRole('button', { name: 'Simulate' }).click();
    await page.locator('[data-sim-status]').filter({ hasText: '60 allow, 1 rate limited' }).waitFor();
    const rows = page.locator('[data-sim-rows] tr');
    expect(await rows.count()).toBe(61);
    expect(await rows.nth(59).getAttribute('data-effect')).toBe('allow');
    expect(await rows.nth(60).getAttribute('data-effect')).toBe('rate_limited');
    expect(await rows.nth(60).innerText()).toMatch(/Retry in \d+ s/);
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it('simulates the text in the editor when Simulate follows an edit at once', async () => {
    const page = await session.browser.newPage();
    const consoleMessages = watchConsole(page);
    await page.goto(`${session.site.url}policy/`);
    const summary = page.locator('[data-summary]');
    // The pre-filled example is valid and lets list_tables run 300 times a minute.
    await summary.filter({ hasText: /^Valid policy/ }).waitFor();
    await page.getByRole('combobox', { name: 'Tool' }).fill('list_tables');
    // Edit and submit in one task, so the debounced validation cannot run in between.
    const editAndSimulate = (text: string) =>
      page.evaluate((policy) => {
        const editor = document.querySelector<HTMLTextAreaElement>('#policy-editor')!;
        editor.value = policy;
        editor.dispatchEvent(new Event('input', { bubbles: true }));
        document.querySelector<HTMLButtonElement>('[data-simulate] button[type="submit"]')!.click();
        return document.querySelector('[data-sim-status]')!.textContent;
      }, text);

    expect(await editAndSimulate(RATE_POLICY)).toBe('61 calls of list_tables over 30 s: 60 allow, 1 rate limited.');
    expect(await page.locator('[data-sim-rows] tr').nth(60).getAttribute('data-effect')).toBe('rate_limited');
    expect(await summary.innerText()).toMatch(/^Valid policy/);

    expect(await editAndSimulate(RATE_POLICY.replace('"max": 60', '"max": 0'))).toMatch(/^Fix the errors in the policy first/);
    expect(await page.locator('[data-sim-rows] tr').count()).toBe(0);
    expect(await summary.innerText()).toMatch(/^1 error/);
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it('arrives pre-filled from a tool page', async () => {
    const page = await session.browser.newPage();
    const consoleMessages = watchConsole(page);
    await page.goto(`${session.site.url}servers/amazon-ecs/esm-msk-policy/`);
    const shown = JSON.parse(await page.locator('copy-policy [data-code] pre').first().innerText());
    await page.getByRole('link', { name: 'Open in the validator' }).click();
    await page.waitForURL(/\/policy\/#policy=/);
    const editor = page.getByRole('textbox', { name: 'Your policy (JSON)' });
    expect(JSON.parse(await editor.inputValue())).toEqual(shown);
    await page
      .locator('[data-summary]')
      .filter({ hasText: /^Valid policy/ })
      .waitFor();
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  // Generous bounds: this machine lays out a textarea at ~1.5 ms per KB; the old tie check took minutes here.
  it('runs a pattern a backtracking engine could take too long on, loading the linear-time engine then', async () => {
    const page = await session.browser.newPage();
    const consoleMessages = watchConsole(page);
    const engineRequests: string[] = [];
    page.on('request', (request) => {
      if (/re2/i.test(request.url())) engineRequests.push(request.url());
    });
    const policy = { version: '1', default: 'deny', tools: { send_mail: { require: [{ path: 'args.to', op: 'regex', value: '^\\S+@\\S+\\.\\S+$' }] } } };
    await page.goto(linkTo(session.site.url, policy));
    await page
      .locator('[data-summary]')
      .filter({ hasText: /^Valid policy/ })
      .waitFor();
    expect((await page.locator('[data-problems] li').allInnerTexts()).filter((problem) => problem.includes('args.to'))).toEqual([]);
    await page.getByRole('combobox', { name: 'Tool' }).fill('send_mail');
    await page.getByRole('spinbutton', { name: 'Number of calls' }).fill('1');
    const simulate = async (args: unknown, effect: RegExp) => {
      await page.getByRole('textbox', { name: /Arguments/ }).fill(JSON.stringify(args));
      await page.getByRole('button', { name: 'Simulate' }).click();
      await page.locator('[data-sim-status]').filter({ hasText: effect }).waitFor();
    };
    await simulate({ to: 'ana@example.com' }, /: 1 allow\.$/);
    await simulate({ to: 'ana at example' }, /: 1 deny\.$/);
    expect(await page.locator('[data-sim-rows] tr').first().innerText()).toContain('args.to regex');
    expect(engineRequests.length).toBeGreaterThan(0);
    expect(consoleMessages).toEqual([]);
    await page.close();
  });

  it('stays responsive on a crafted link: overlapping patterns, an exponential regex, a policy too large', async () => {
    const open = async (policy: unknown) => {
      const page = await session.browser.newPage();
      const consoleMessages = watchConsole(page);
      const longTasks = await watchLongTasks(page);
      const started = Date.now();
      await page.goto(linkTo(session.site.url, policy));
      await page.locator('[data-summary]').filter({ hasText: /\S/ }).waitFor({ timeout: 10_000 });
      expect(await page.evaluate(() => 1 + 1)).toBe(2);
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(Math.max(0, ...(await longTasks()))).toBeLessThan(1500);
      return { page, consoleMessages, longTasks };
    };

    const overlapping = await open({
      version: '1',
      default: 'allow',
      all_tools: { limits: [{ counter: 'all', window: 'minute', max: 100, scope: 'grant' }] },
      tools: OVERLAPPING,
    });
    const problems = () => overlapping.page.locator('[data-problems] li').allInnerTexts();
    await overlapping.page
      .locator('[data-summary]')
      .filter({ hasText: /^Valid policy with \d+ warnings?/ })
      .waitFor();
    expect(await problems()).toContainEqual(expect.stringContaining('too complex to check which patterns tie'));
    // Simulating 10,000 calls renders a bounded table in batches.
    await overlapping.page.getByRole('combobox', { name: 'Tool' }).fill(`p_${'a'.repeat(120)}_7`);
    await overlapping.page.getByRole('spinbutton', { name: 'Number of calls' }).fill('10000');
    await overlapping.page.getByRole('button', { name: 'Simulate' }).click();
    await overlapping.page
      .locator('[data-sim-status]')
      .filter({ hasText: /^10000 calls of p_a+_7 over 30 s: 100 allow, 9900 rate limited\. The table shows the first 500\.$/ })
      .waitFor();
    await overlapping.page.locator('[data-sim-rows] tr').nth(499).waitFor();
    expect(await overlapping.page.locator('[data-sim-rows] tr').count()).toBe(500);
    expect(Math.max(0, ...(await overlapping.longTasks()))).toBeLessThan(1500);
    expect(overlapping.consoleMessages).toEqual([]);
    await overlapping.page.close();

    const evil = await open({
      version: '1',
      default: 'deny',
      tools: { ...OVERLAPPING, evil: { deny_if: [{ path: 'args.q', op: 'regex', value: '^(a+)+(?!b)$' }] } },
    });
    // It compiles, so the policy is valid; with its lookahead the linear-time engine cannot run it
    // either, so it is never run, and the warning says what that means.
    await evil.page
      .locator('[data-summary]')
      .filter({ hasText: /^Valid policy with \d+ warnings?/ })
      .waitFor();
    expect(await evil.page.locator('[data-problems] li').allInnerTexts()).toContainEqual(
      expect.stringMatching(/tools\.evil\.deny_if\[0\]\.value: calls this condition tests are denied, since this pattern can take exponential time/),
    );
    expect(evil.consoleMessages).toEqual([]);
    await evil.page.close();

    const huge = await open({ version: '1', default: 'deny', tools: Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`tool_${i}`, {}])) });
    expect(await huge.page.locator('[data-summary]').innerText()).toBe('The policy in the link was not loaded: 1 error.');
    expect(await huge.page.getByRole('textbox', { name: 'Your policy (JSON)' }).inputValue()).toBe('');
    expect(huge.consoleMessages).toEqual([]);
    await huge.page.close();
  });

  it('answers a 5 MB paste and 10,000-deep nesting with clear messages, and stays responsive', async () => {
    const page = await session.browser.newPage();
    await page.goto(`${session.site.url}policy/`);
    const pasteTime = await page.evaluate(
      (size) => {
        const editor = document.querySelector<HTMLTextAreaElement>('#policy-editor')!;
        const data = new DataTransfer();
        data.setData('text/plain', `{"version":"1","default":"deny","hide":["${'x'.repeat(size)}"]}`);
        const started = performance.now();
        editor.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        return performance.now() - started;
      },
      5 * 1024 * 1024,
    );
    expect(pasteTime).toBeLessThan(1000);
    expect(await page.locator('[data-summary]').innerText()).toMatch(/^Nothing was pasted: 1 error/);
    expect(await page.locator('[data-problems] li').first().innerText()).toContain('larger than 256 KB, the most this page checks');

    await page.evaluate((depth) => {
      const editor = document.querySelector<HTMLTextAreaElement>('#policy-editor')!;
      editor.value = '['.repeat(depth) + ']'.repeat(depth);
      editor.dispatchEvent(new Event('input'));
    }, 10_000);
    await page.locator('[data-problems] li').filter({ hasText: /nest/i }).waitFor();
    expect(await page.evaluate(() => 1 + 1)).toBe(2);
    await page.close();
  });
});
