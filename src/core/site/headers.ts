/** The Content-Security-Policy every page is served with: no inline script but the site's own, by hash. */
export function contentSecurityPolicy(scriptHashes: readonly string[]): string {
  return [
    "default-src 'self'",
    // Pagefind's search runs WebAssembly.
    `script-src 'self' 'wasm-unsafe-eval' ${scriptHashes.map((h) => `'${h}'`).join(' ')}`.trim(),
    // Code colours are classes (src/lib/highlight/style-classes.ts): no inline style anywhere.
    "style-src 'self'",
    // Tool and server icons: https URLs and raster data URLs (src/core/catalog/icons.ts picks them).
    "img-src 'self' data: https:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** `_headers` in the Netlify / Cloudflare Pages format, paths under the deployment base. */
export function headersFile(base: string, scriptHashes: readonly string[]): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return [
    `${root}*`,
    `  Content-Security-Policy: ${contentSecurityPolicy(scriptHashes)}`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: strict-origin-when-cross-origin',
    '  Cache-Control: public, max-age=600',
    // File names carry a content hash: cache for a year.
    `${root}_astro/*`,
    '  Cache-Control: public, max-age=31536000, immutable',
    `${root}pagefind/*`,
    '  Cache-Control: public, max-age=3600',
    '',
  ].join('\n');
}
