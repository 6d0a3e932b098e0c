import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The JavaScript one page loads before any interaction. */
export interface PageScripts {
  bytes: number;
  gzipBytes: number;
  inlineScripts: number;
  /** Script files, relative to dist, including the chunks they import statically. */
  files: string[];
}

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script>/gi;
const MODULE_PRELOAD = /<link\b[^>]*\brel=["']?modulepreload["']?[^>]*>/gi;
const ATTR = (name: string) => new RegExp(`\\b${name}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i');
// Static `import … from "x"`, `import "x"` and `export … from "x"`; `import("x")` loads later, on demand.
const STATIC_IMPORT = /\b(?:import|export)\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.m?js)["']/g;

function attr(tag: string, name: string): string | undefined {
  const m = ATTR(name).exec(tag);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

/** Non-JavaScript script types (JSON-LD, import maps, templates) are data, not code. */
const isJavaScript = (type: string | undefined) => !type || /^(module|text\/javascript|application\/javascript)$/i.test(type);

/**
 * Sums the page's `<script src>` files (with the chunks those import statically, and modulepreloads)
 * and its inline scripts. `pagePath` is relative to dist; `base` is the site's base path.
 */
export function measurePageScripts(dist: string, pagePath: string, base = '/'): PageScripts {
  const html = readFileSync(join(dist, pagePath), 'utf8');
  const pageUrl = `/${pagePath.replace(/index\.html$/, '')}`;
  const toFile = (url: string, from: string): string | undefined => {
    if (/^[a-z]+:\/\//i.test(url) || url.startsWith('//')) return undefined;
    const absolute = url.startsWith('/') ? url : posix.join(posix.dirname(from.endsWith('/') ? `${from}x` : from), url);
    const clean = absolute.split(/[?#]/)[0]!;
    return clean.startsWith(base) ? clean.slice(base.length) : undefined;
  };
  const files = new Set<string>();
  const visit = (file: string | undefined) => {
    if (!file || files.has(file) || !existsSync(join(dist, file))) return;
    files.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const m of code.matchAll(STATIC_IMPORT)) visit(toFile(m[1]!, `/${file}`));
  };
  let bytes = 0;
  let gzipBytes = 0;
  let inlineScripts = 0;
  for (const m of html.matchAll(SCRIPT)) {
    const [, attrs = '', body = ''] = m;
    if (!isJavaScript(attr(attrs, 'type'))) continue;
    const src = attr(attrs, 'src');
    if (src) visit(toFile(src, pageUrl));
    else if (body.trim()) {
      inlineScripts++;
      bytes += Buffer.byteLength(body);
      gzipBytes += gzipSync(body).length;
      for (const i of body.matchAll(STATIC_IMPORT)) visit(toFile(i[1]!, pageUrl));
    }
  }
  for (const m of html.matchAll(MODULE_PRELOAD)) visit(toFile(attr(m[0], 'href') ?? '', pageUrl));
  for (const file of files) {
    const content = readFileSync(join(dist, file));
    bytes += content.length;
    gzipBytes += gzipSync(content).length;
  }
  return { bytes, gzipBytes, inlineScripts, files: [...files].sort() };
}
