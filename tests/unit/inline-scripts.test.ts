import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collectInlineScriptHashes, scriptHash } from '../../src/core/site/inline-scripts.ts';

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
    return expect(collectInlineScriptHashes(site).then((set) => [...set].sort())).resolves.toEqual([scriptHash('index()'), scriptHash('server()'), scriptHash('tool()')].sort());
  });
});
