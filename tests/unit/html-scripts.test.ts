import { describe, expect, it } from 'vitest';
import { scriptElements } from '../../src/core/site/html-scripts.ts';
import { inlineScriptHashes, scriptHash } from '../../src/core/site/html-scripts.ts';

describe('scriptElements', () => {
  it.each([
    ['<meta content="</script><script>x()</script>"><p>a</p>', []],
    ["<a title='<script>y()</script>'>t</a>", []],
    ['<!-- <script>z()</script> --><p>ok</p>', []],
    ['<title>&lt;script&gt;</title><textarea><script>no()</script></textarea>', []],
    [
      '<script type="module">a()</script><p>b</p><script src="/x.js"></script>',
      [
        { attributes: ' type="module"', body: 'a()' },
        { attributes: ' src="/x.js"', body: '' },
      ],
    ],
    ['<SCRIPT>up()</SCRIPT>', [{ attributes: '', body: 'up()' }]],
  ])('finds the real scripts in %j', (html, expected) => {
    expect(scriptElements(html)).toEqual(expected);
  });
});

describe('inlineScriptHashes', () => {
  it('hashes executable inline scripts only: not external files, not JSON-LD data blocks', () => {
    const html = '<script type="application/ld+json">{"a":1}</script><script src="/a.js"></script><script type="module">run()</script>';
    expect(inlineScriptHashes(html)).toEqual([scriptHash('run()')]);
    expect(scriptHash('run()')).toMatch(/^sha256-[A-Za-z0-9+/]+=*$/);
  });
});
