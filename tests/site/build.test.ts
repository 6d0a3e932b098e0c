import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import { BUILD_MARKER, isBuildEntry } from '../../src/build/build-entries.ts';
import { loadCatalogDir } from '../../src/build/catalog/load.ts';
import { listFiles, linksIn } from '../support/html-files.ts';
import { sampleSite } from '../support/shared-sites.ts';

const { dir: siteDir, base } = await sampleSite();
const files = listFiles(siteDir);
const htmlFiles = files.filter((f) => f.endsWith('.html'));
const servers = loadCatalogDir('data');

/** The file a site URL path would be served from, or undefined when none would. */
function fileFor(pathname: string): string | undefined {
  if (!pathname.startsWith(base)) return undefined;
  const rel = decodeURIComponent(pathname.slice(base.length));
  const candidates = rel === '' || rel.endsWith('/') ? [`${rel}index.html`] : [rel, `${rel}/index.html`];
  return candidates.find((c) => existsSync(join(siteDir, c)) && statSync(join(siteDir, c)).isFile());
}

describe('the built sample site', () => {
  it('has one tool page per tool in data/', () => {
    const toolCount = servers.reduce((n, s) => n + s.data.tools.length, 0);
    const toolPages = htmlFiles.filter((f) => /^servers\/[^/]+\/[^/]+\/index\.html$/.test(f));
    expect(toolCount).toBeGreaterThanOrEqual(120);
    expect(toolPages).toHaveLength(toolCount);
  });

  it('has a page per server, the browse pages, the methodology page and a 404 page', () => {
    for (const server of servers) expect(files).toContain(`servers/${server.slug}/index.html`);
    for (const page of [
      'index.html',
      '404.html',
      'servers/index.html',
      'risk/index.html',
      'categories/index.html',
      'methodology/index.html',
      'risk/critical/index.html',
      'categories/other/index.html',
    ]) {
      expect(files).toContain(page);
    }
  });

  it("writes at its root only what the output guard counts as a build's (a later build may replace it)", () => {
    expect(readdirSync(siteDir).filter((name) => !isBuildEntry(name))).toEqual([]);
    expect(readdirSync(siteDir)).toContain(BUILD_MARKER);
  });

  it('resolves every internal link and asset to a file', () => {
    const broken: string[] = [];
    let checked = 0;
    for (const page of htmlFiles) {
      const pageUrl = new URL(`http://site${base}${page.replace(/index\.html$/, '')}`);
      for (const link of linksIn(readFileSync(join(siteDir, page), 'utf8'))) {
        const target = new URL(link, pageUrl);
        if (target.host !== 'site') continue;
        checked++;
        if (!fileFor(target.pathname)) broken.push(`${page} -> ${link}`);
      }
    }
    expect(checked).toBeGreaterThan(htmlFiles.length * 10);
    expect(broken).toEqual([]);
  });

  it('ships no framework runtime and keeps tool pages free of data-driven script', () => {
    const page = readFileSync(join(siteDir, 'servers/amazon-ecs/esm-msk-policy/index.html'), 'utf8');
    expect(page).not.toMatch(/react|preact|vue|svelte/i);
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page).toContain('<script type="application/ld+json">');
  });
});

describe('a tool page says each thing once', () => {
  const page = readFileSync(join(siteDir, 'servers/amazon-ecs/esm-msk-policy/index.html'), 'utf8');
  const beforeFaq = page.slice(0, page.indexOf('<section aria-labelledby="faq">'));

  it("states the rating's reasons in the verdict, not again above the evidence", () => {
    const rationale = /<div class="verdict"[^>]*><p>([^<]+)<\/p>/.exec(page)?.[1];
    expect(rationale).toBeTruthy();
    expect(beforeFaq.split(rationale!).length - 1).toBe(1);
  });

  it("lists related tools as links with their badges, naming the server only of other servers' tools", () => {
    const related = /<ul class="related-tools">(.*?)<\/ul>/s.exec(page)?.[1] ?? '';
    const items = related.split('<li>').slice(1);
    expect(items.length).toBeGreaterThan(0);
    for (const item of items) {
      const tool = /<a href="[^"]*servers\/([^/"]+)\/[^/"]+\/"><code>/.exec(item);
      expect(tool).not.toBeNull();
      expect(item).toContain('class="badge"');
      expect(item.includes('<span class="muted">on <a')).toBe(tool![1] !== 'amazon-ecs');
    }
  });
});

describe('definition history on tool pages', () => {
  it('shows "What changed" only on tools with a history, with the possible rug pulls first', () => {
    const changed = readFileSync(join(siteDir, 'servers/mail-calendar/send-email/index.html'), 'utf8');
    expect(changed).toContain('<h2 id="changes">What changed</h2>');
    expect(changed).toMatch(
      /<h3>Changed on 2026-11-05<\/h3><ul class="notice rug-pull"><li><strong>Possible rug pull:<\/strong> a new parameter can send data out \(a recipient\) at <code>bcc<\/code>/,
    );
    expect(changed).toContain('<ins>It is delivered immediately and cannot be recalled from external recipients.</ins>');
    const unchanged = readFileSync(join(siteDir, 'servers/amazon-ecs/esm-msk-policy/index.html'), 'utf8');
    expect(unchanged).not.toContain('What changed');
  });
});

describe('the Atom feeds of definition changes', () => {
  it('parse: the site-wide one lists the sample changes, newest first, and each server has its own', () => {
    const site = parseFeed(readFileSync(join(siteDir, 'changes.xml'), 'utf8'));
    expect(site.items.map((item) => [new URL(item.url!).pathname, item.updated?.toISOString()])).toEqual([
      [`${base}servers/amazon-ecs/ecs-resource-management/`, '2026-11-20T00:00:00.000Z'],
      [`${base}servers/mail-calendar/send-email/`, '2026-11-05T00:00:00.000Z'],
    ]);
    for (const server of servers) {
      const feed = parseFeed(readFileSync(join(siteDir, 'servers', server.slug, 'changes.xml'), 'utf8'));
      expect(feed.items.length, server.slug).toBe(server.data.tools.filter((tool) => tool.history).length);
    }
  });

  it('are linked for feed readers from the home page and the server pages', () => {
    const alternate = (file: string) =>
      [...readFileSync(join(siteDir, file), 'utf8').matchAll(/<link rel="alternate" type="application\/atom\+xml"[^>]*href="([^"]+)"/g)].map((m) => m[1]);
    expect(alternate('index.html')).toEqual([`${base}changes.xml`]);
    expect(alternate('servers/mail-calendar/index.html')).toEqual([`${base}servers/mail-calendar/changes.xml`]);
    expect(alternate('servers/mail-calendar/send-email/index.html')).toEqual([]);
  });
});

describe('styles under a CSP without unsafe-inline', () => {
  it('has no style attribute or inline <style> on any page, and the CSP allows none', () => {
    const inline = htmlFiles.filter((page) => /<[a-z][^>]*\sstyle=|<style[\s>]/i.test(readFileSync(join(siteDir, page), 'utf8')));
    expect(inline).toEqual([]);
    const headers = readFileSync(join(siteDir, '_headers'), 'utf8');
    expect(headers).toMatch(/style-src 'self';/);
    expect(headers).not.toContain('unsafe-inline');
  });

  it('colours the policy on a tool page with classes that the highlight stylesheet defines', () => {
    const page = readFileSync(join(siteDir, 'servers/amazon-ecs/esm-msk-policy/index.html'), 'utf8');
    const css = readFileSync(join(siteDir, 'highlight.css'), 'utf8');
    const classes = [...new Set([...page.matchAll(/<span class="((?:[ld][0-9a-f]{6} ?)+)">/g)].flatMap((m) => m[1]!.trim().split(' ')))];
    expect(classes.length).toBeGreaterThanOrEqual(2);
    for (const name of classes) expect(css).toContain(`.hl .${name}{`);
    expect(page).toContain(`href="${base}highlight.css"`);
  });
});

describe('the sitemap', () => {
  it('lists every page but the 404 page, once, from an index of sitemap files that exist', () => {
    const index = readFileSync(join(siteDir, 'sitemap-index.xml'), 'utf8');
    const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    const sitemaps = locs(index);
    expect(sitemaps.length).toBeGreaterThanOrEqual(1);
    const listed = sitemaps.flatMap((path) => locs(readFileSync(join(siteDir, path.slice(base.length)), 'utf8')));
    const pages = htmlFiles.filter((f) => f !== '404.html').map((f) => `${base}${f.replace(/index\.html$/, '')}`);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...listed].sort()).toEqual([...pages].sort());
    expect(readFileSync(join(siteDir, 'robots.txt'), 'utf8')).toContain(`${base}sitemap-index.xml`);
  });
});
