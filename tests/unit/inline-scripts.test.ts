import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectInlineScriptHashes } from '../../src/build/inline-scripts.ts';
import { scriptHash } from '../../src/core/site/html-scripts.ts';

let site: string | undefined;
afterEach(() => site && rmSync(site, { recursive: true, force: true }));

const page = (path: string, script: string) => {
  mkdirSync(join(site!, path), { recursive: true });
  writeFileSync(join(site!, path, 'index.html'), `<!doctype html><body><script>${script}</script></body>`);
};

describe('collectInlineScriptHashes', () => {
  it('reads the pages of the servers index apart from tool pages, which share their depth', () => {
    site = mkdtempSync(join(tmpdir(), 'atlas-inline-'));
    // More index pages than the pages read per route shape: were they tool pages, they could take every turn.
    for (let n = 2; n <= 6; n++) page(`servers/_page/${n}`, 'index()');
    page('servers/notebook/list-notes', 'tool()');
    page('servers/notebook', 'server()');
    return expect(collectInlineScriptHashes(site).then((set) => [...set].sort())).resolves.toEqual(
      [scriptHash('index()'), scriptHash('server()'), scriptHash('tool()')].sort(),
    );
  });
});

describe('collectInlineScriptHashes on a large site', () => {
  it('looks into a sample of the folders of each shape, not every tool folder', async () => {
    site = mkdtempSync(join(tmpdir(), 'atlas-inline-'));
    for (let s = 0; s < 120; s++) {
      page(`servers/server-${s}`, 'server()');
      for (let t = 0; t < 3; t++) page(`servers/server-${s}/tool-${t}`, 'tool()');
    }
    page('search', 'search()');
    let listed = 0;
    const reader = {
      readdir: (dir: string) => {
        listed++;
        return readdir(dir, { withFileTypes: true });
      },
      readFile: (path: string) => readFile(path, 'utf8'),
    };
    const hashes = await collectInlineScriptHashes(site, reader);
    expect([...hashes].sort()).toEqual([scriptHash('search()'), scriptHash('server()'), scriptHash('tool()')].sort());
    // 1 (site) + 1 (servers) + 1 (search) + 120 servers + 360 tool folders when every folder is listed.
    expect(listed).toBeGreaterThan(50);
    expect(listed).toBeLessThan(120);
  });
});
