import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAccuracyFile } from '../../src/build/catalog/accuracy-file.ts';
import { RULES_VERSION } from '../../src/core/classify/rules-version.ts';
import { accuracyView, type PublishedAccuracy } from '../../src/core/site/accuracy-page.ts';
import { listFiles } from '../support/html-files.ts';
import { hostileSite, sampleSite } from '../support/shared-sites.ts';

const { dir: siteDir, base } = await sampleSite();
const hostile = await hostileSite();
const hostileDir = hostile.dir;

const page = (dir: string, path: string) => readFileSync(join(dir, path, 'index.html'), 'utf8');
/** A page's text as a reader sees it: tags out (table cells apart), entities decoded, spaces collapsed. */
const textOf = (html: string) =>
  html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<\/t[dh]>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;|&#34;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

describe('/methodology/accuracy/', () => {
  it("publishes the sample catalog's figures file: date, rules version, every figure of both halves, both confusion tables", () => {
    const view = accuracyView(loadAccuracyFile('data'), RULES_VERSION) as PublishedAccuracy;
    expect(view.published).toBe(true);
    const text = textOf(page(siteDir, 'methodology/accuracy'));
    expect(text).toContain(`Measured on ${view.measuredOn} with rules ${view.rulesVersion}: ${view.corpus}`);
    for (const figure of view.figures)
      expect(text).toContain(`${figure.label} (${figure.better} is better) ${figure.all} ${figure.tuning} ${figure.checking} ${figure.gap}`);
    for (const table of [view.byLevel, view.byCategory]) {
      for (const row of table.rows) expect(text).toContain(`${row.label} ${row.cells.join(' ')} ${row.total}`);
    }
    expect(text).toContain('What the classifier cannot see');
    expect(text).toContain('A poisoned description that looks benign.');
    expect(text).toContain('A server that behaves differently from its definition.');
  });

  it('says no measurement was published when the catalog has no figures file (the hostile catalog)', () => {
    expect(existsSync(join(hostile.catalogDir, 'accuracy.json'))).toBe(false);
    const text = textOf(page(hostileDir, 'methodology/accuracy'));
    expect(text).toContain('No measurement has been published for this catalog.');
    expect(text).toContain(`classifier rules ${RULES_VERSION}`);
    expect(text).toContain('What the classifier cannot see');
  });

  it('is linked from the methodology page', () => {
    expect(page(siteDir, 'methodology')).toContain(`href="${base}methodology/accuracy/"`);
  });
});

describe('tool and server pages', () => {
  const toolPages = listFiles(siteDir).filter((f) => /^servers\/[^/]+\/[^/]+\/index\.html$/.test(f));

  it('every tool page names the rules version it was rated with, and links to the accuracy page', () => {
    expect(toolPages.length).toBeGreaterThan(100);
    const missing = toolPages.filter(
      (f) => !readFileSync(join(siteDir, f), 'utf8').includes(`<a href="${base}methodology/accuracy/">classifier rules ${RULES_VERSION}</a>`),
    );
    expect(missing).toEqual([]);
  });

  it('a tool whose hints disagree: each disagreement in words, and the suggested annotations as JSON', () => {
    const text = textOf(page(siteDir, 'servers/postgres-admin/query'));
    expect(text).toContain('Check: One declared hint disagrees with what the tool appears to do.');
    expect(text).toMatch(/Declares readOnlyHint: true; it appears to execute code, commands or jobs: [^.]+\./);
    expect(text).toContain('{ "readOnlyHint": false,');
  });

  it('a tool whose hints agree: one line, no suggestion', () => {
    const html = page(siteDir, 'servers/desktop-commander/read-file');
    const annotations = html.slice(html.indexOf('id="annotations"'), html.indexOf('id="policy"'));
    expect(textOf(annotations)).toContain('Check: The declared hints agree with what the tool appears to do.');
    expect(annotations).not.toContain('<pre');
  });

  it('a server page counts its tools whose hints disagree, and links them', () => {
    const html = page(siteDir, 'servers/postgres-admin');
    expect(textOf(html)).toMatch(
      /Annotations: 2 tools declare hints that disagree with what they appear to do \(explain_query, query\); 1 of 12 declare none\./,
    );
    expect(html).toContain(`href="${base}servers/postgres-admin/query/"><code>query</code></a>`);
  });

  it('a low-confidence rating shows "Medium?" on the badge, with words for screen readers, and the FAQ says what would settle it', () => {
    const html = page(siteDir, 'servers/amazon-ecs/esm-msk-policy');
    expect(html).toMatch(/<span>Medium\? risk · Other<\/span><span class="visually-hidden"> \(low confidence: a cautious guess\)<\/span>/);
    expect(textOf(html)).toMatch(/The confidence is low, so the rating leans to caution; [^.]*would settle it\./);
  });
});
