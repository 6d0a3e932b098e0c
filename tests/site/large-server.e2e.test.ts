import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { SERVER_POLICY_SHOWN_MAX_TOOLS } from '../../src/core/site/server-article.ts';
import { launchChromium, watchConsole } from '../support/browser.ts';
import { runCli } from '../support/run-cli.ts';
import { serveSite, type RunningSite } from '../support/static-server.ts';

// A server of more tools than its page shows the policy of: the policy is a file, the dialects are
// written from it when asked for.
const TOOLS = SERVER_POLICY_SHOWN_MAX_TOOLS + 1;
const verbs = ['get', 'list', 'delete', 'create', 'send'];
const root = mkdtempSync(join(tmpdir(), 'atlas-large-'));
const out = join(root, 'site');
let site: RunningSite;
let browser: Browser;

beforeAll(async () => {
  mkdirSync(join(root, 'catalog', 'servers'), { recursive: true });
  const tools = Array.from({ length: TOOLS }, (_, i) => ({
    name: `${verbs[i % verbs.length]}_record_${i}`,
    description: `Works on record ${i}.`,
    inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
  }));
  writeFileSync(join(root, 'catalog', 'servers', 'large.json'), JSON.stringify({ name: 'Large Server', tools }));
  writeFileSync(join(root, 'catalog', 'servers', 'small.json'), JSON.stringify({ name: 'Small Server', tools: tools.slice(0, 3) }));
  const build = await runCli(['build', '--catalog', join(root, 'catalog'), '--out', out], { timeoutMs: 240_000, env: process.env });
  expect(build.code, build.stderr).toBe(0);
  site = await serveSite(out, '/');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(root, { recursive: true, force: true });
});

describe(`a server of ${TOOLS} tools`, () => {
  it('links its policy as a file instead of showing it, and every server has that file', () => {
    const large = readFileSync(join(out, 'servers', 'large', 'index.html'), 'utf8');
    const policy = JSON.parse(readFileSync(join(out, 'servers', 'large', 'policy.json'), 'utf8')) as { tools: Record<string, unknown> };
    expect(Object.keys(policy.tools)).toHaveLength(TOOLS);
    expect(large).toMatch(/too long to show here: <a class="button" href="\/servers\/large\/policy.json" download="policy.json">/);
    // The policy's shared counter is named only in the policy text.
    expect(large).not.toContain('all_calls');
    const small = readFileSync(join(out, 'servers', 'small', 'index.html'), 'utf8');
    expect(small).toContain('href="/servers/small/policy.json"');
    expect(small).toContain('all_calls');
  });

  it('writes the Claude Code and agentgateway rules from policy.json when asked, with working copy buttons', async () => {
    const page = await browser.newPage();
    const problems = watchConsole(page);
    await page.goto(`${site.url}servers/large/`);
    await page.getByRole('button', { name: 'Write them' }).click();
    const claude = page.locator('details#policy-claude-code');
    await expect.poll(() => claude.count()).toBe(1);
    await claude.locator('summary').click();
    await expect.poll(async () => (await claude.locator('pre').innerText()).includes('mcp__large__delete_record_2')).toBe(true);
    await expect.poll(() => claude.getByRole('button', { name: /^Download/ }).isVisible()).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });
});
