import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { HtmlValidate, StaticConfigLoader, type ConfigData } from 'html-validate';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../support/html-files.ts';
import { sampleSite } from '../support/shared-sites.ts';

const { dir: siteDir } = await sampleSite();
const htmlFiles = listFiles(siteDir).filter((f) => f.endsWith('.html'));

// The recommended rules as they are: none has proved wrong for these pages.
const config: ConfigData = { extends: ['html-validate:recommended'] };
// A static config: no .htmlvalidate.json found on disk changes what this test checks.
const validator = new HtmlValidate(new StaticConfigLoader(config));

/** Of the pages matching `shape`, the largest: the one that draws the most of its template. */
function largest(shape: RegExp): string {
  const pages = htmlFiles.filter((f) => shape.test(f));
  expect(pages.length, `no built page matches ${shape}`).toBeGreaterThan(0);
  return pages.reduce((a, b) => (statSync(join(siteDir, b)).size > statSync(join(siteDir, a)).size ? b : a));
}

/** One built page of each shape: every layout, component and island of the site appears in one of them. */
const PAGES: Record<string, () => string> = {
  home: () => 'index.html',
  'not found': () => '404.html',
  'tool page': () => largest(/^servers\/[^/]+\/[^/]+\/index\.html$/),
  'server page': () => largest(/^servers\/[^/]+\/index\.html$/),
  'servers index': () => 'servers/index.html',
  'risk index': () => 'risk/index.html',
  'risk page': () => largest(/^risk\/[^/]+\/(?:\d+\/)?index\.html$/),
  'categories index': () => 'categories/index.html',
  'category page': () => largest(/^categories\/[^/]+\/(?:\d+\/)?index\.html$/),
  search: () => 'search/index.html',
  stack: () => 'stack/index.html',
  'policy validator': () => 'policy/index.html',
  methodology: () => 'methodology/index.html',
  accuracy: () => 'methodology/accuracy/index.html',
  'deploy (MDX)': () => 'deploy/index.html',
  'policy format (MDX)': () => 'policy-format/index.html',
};

describe('the built pages are valid HTML (html-validate, recommended rules)', () => {
  it.each(Object.keys(PAGES))('%s', async (shape) => {
    const page = PAGES[shape]!();
    const report = await validator.validateString(readFileSync(join(siteDir, page), 'utf8'), page);
    const problems = report.results.flatMap((result) =>
      result.messages.map((m) => `${page}: ${m.ruleId}: ${m.message} (at ${m.selector ?? `line ${m.line}`})`),
    );
    expect(problems).toEqual([]);
  });
});
