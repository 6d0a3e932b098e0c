import { describe, expect, it } from 'vitest';
import { displayableIcons } from '../../src/core/catalog/icons.ts';
import { contentSecurityPolicy } from '../../src/core/site/headers.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgYPj/HwADAgH/eUvEawAAAABJRU5ErkJggg==';
const one = (icon: unknown) => displayableIcons([icon]);

describe('displayableIcons: only raster images from https or data URLs', () => {
  it.each<[string, unknown]>([
    ['an https PNG', { src: 'https://example.org/icon.png' }],
    ['an https URL without extension', { src: 'https://example.org/icon' }],
    ['a base64 PNG data URL', { src: PNG, mimeType: 'image/png' }],
    ['a base64 JPEG data URL', { src: 'data:image/jpeg;base64,/9j/4AAQ' }],
    ['a base64 WebP data URL', { src: 'data:image/webp;base64,UklGRg==' }],
    ['an https JPEG with mimeType image/jpg', { src: 'https://example.org/i', mimeType: 'image/jpg' }],
  ])('shows %s', (_, icon) => {
    expect(one(icon)).toHaveLength(1);
  });

  it.each<[string, unknown]>([
    ['an SVG data URL', { src: 'data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=' }],
    ['a plain-text SVG data URL', { src: 'data:image/svg+xml,<svg onload="alert(1)"/>' }],
    ['an https .svg URL', { src: 'https://example.org/icon.svg' }],
    ['an https .SVG URL with a query', { src: 'https://example.org/ICON.SVG?v=2' }],
    ['an https .svgz URL', { src: 'https://example.org/icon.svgz' }],
    ['an https URL naming .svg percent-encoded', { src: 'https://example.org/icon%2Esvg' }],
    ['an https URL with mimeType image/svg+xml', { src: 'https://example.org/icon', mimeType: 'image/svg+xml' }],
    ['a PNG data URL claiming mimeType image/svg+xml', { src: PNG, mimeType: 'image/svg+xml' }],
    ['a javascript: src', { src: 'javascript:alert(1)' }],
    ['a JavaScript: src in capitals and spaces', { src: ' JavaScript:alert(1)' }],
    ['an http: src', { src: 'http://example.org/icon.png' }],
    ['a protocol-relative src', { src: '//example.org/icon.png' }],
    ['a relative src', { src: '/icon.png' }],
    ['a file: src', { src: 'file:///etc/passwd' }],
    ['an https URL with credentials', { src: 'https://user:secret@example.org/icon.png' }],
    ['a data URL that is not base64', { src: 'data:image/png,rawbytes' }],
    ['a GIF data URL', { src: 'data:image/gif;base64,R0lGODlh' }],
    ['a data URL with a parameter', { src: 'data:image/png;charset=utf-8;base64,iVBO' }],
    ['a data URL with a quote in it', { src: 'data:image/png;base64,iVBO"onerror="x' }],
    ['a huge data URL', { src: `data:image/png;base64,${'A'.repeat(70_000)}` }],
    ['an icon with an unknown mimeType', { src: 'https://example.org/i', mimeType: 'text/html' }],
    ['an icon whose mimeType is not a string', { src: 'https://example.org/i.png', mimeType: 5 }],
    ['an entry that is a string', 'https://example.org/icon.png'],
    ['null', null],
    ['an array', ['https://example.org/icon.png']],
    ['an src that is not a string', { src: 42 }],
    ['an src that is an object', { src: { href: 'https://example.org/icon.png' } }],
    ['no src', { mimeType: 'image/png' }],
  ])('never shows %s', (_, icon) => {
    expect(one(icon)).toEqual([]);
  });

  it.each([undefined, null, 'icons', 3, {}, { 0: { src: PNG } }])('never throws on icons %j', (icons) => {
    expect(displayableIcons(icons)).toEqual([]);
  });

  it('keeps the order of the shown icons and skips the rest', () => {
    const icons = [{ src: 'https://a.example/1.svg' }, { src: 'https://a.example/2.png' }, 'x', { src: PNG }];
    expect(displayableIcons(icons).map((i) => i.src)).toEqual(['https://a.example/2.png', PNG]);
  });
});

describe('displayableIcons: the box an icon is drawn in', () => {
  it.each<[string, unknown, [number, number]]>([
    ['no sizes: the default', undefined, [32, 32]],
    ['"any": the default', ['any'], [32, 32]],
    ['48x48', ['48x48'], [48, 48]],
    ['the first WxH after "any"', ['any', '16x16', '48x48'], [16, 16]],
    ['512x512 fits 64', ['512x512'], [64, 64]],
    ['a wide icon keeps its ratio', ['128x32'], [64, 16]],
    ['a huge odd size stays small', ['99999x1'], [64, 1]],
    ['nonsense sizes: the default', ['0x0', '-1x5', '48X48px', 48], [32, 32]],
    ['sizes not an array: the default', '48x48', [32, 32]],
  ])('%s', (_, sizes, [width, height]) => {
    expect(one({ src: PNG, sizes })).toEqual([{ src: PNG, width, height }]);
  });
});

describe('the Content-Security-Policy', () => {
  it('lets https and data images through, for MCP icons', () => {
    expect(contentSecurityPolicy([])).toContain("img-src 'self' data: https:;");
  });
});
