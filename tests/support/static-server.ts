import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';
import sirv from 'sirv';

// What static hosts (GitHub Pages, Netlify, Cloudflare) compress on the fly; Pagefind's index files are gzipped already.
const COMPRESSIBLE: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
};

/** Sends a compressible file gzipped when the client accepts it; false when it is not such a file. */
function sendGzipped(dir: string, req: IncomingMessage, res: ServerResponse): boolean {
  if (!/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) return false;
  let path = normalize(join(dir, decodeURIComponent((req.url ?? '/').split('?')[0]!)));
  if (!path.startsWith(dir)) return false;
  if (existsSync(path) && statSync(path).isDirectory()) path = join(path, 'index.html');
  const type = COMPRESSIBLE[extname(path)];
  if (!type || !existsSync(path)) return false;
  const body = gzipSync(readFileSync(path));
  res.writeHead(200, { 'Content-Type': type, 'Content-Encoding': 'gzip', 'Content-Length': body.length, Vary: 'Accept-Encoding' });
  res.end(body);
  return true;
}

export interface RunningSite {
  /** e.g. http://127.0.0.1:41234/atlas/ */
  url: string;
  close(): Promise<void>;
}

type HeaderRule = { prefix: string; exact: boolean; headers: [string, string][] };

/** Reads `_headers` (Netlify / Cloudflare Pages format) so tests see the headers a real host sends. */
function readHeaderRules(dir: string): HeaderRule[] {
  const file = join(dir, '_headers');
  if (!existsSync(file)) return [];
  const rules: HeaderRule[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim() || line.trim().startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      const path = line.trim();
      rules.push({ prefix: path.replace(/\*$/, ''), exact: !path.endsWith('*'), headers: [] });
    } else {
      const colon = line.indexOf(':');
      rules[rules.length - 1]?.headers.push([line.slice(0, colon).trim(), line.slice(colon + 1).trim()]);
    }
  }
  return rules;
}

/**
 * Serves a built dist/ under a base path, as a static host would: `_headers` applied, 404.html for
 * misses, and with `gzip`, text files compressed as hosts send them.
 */
export async function serveSite(dir: string, base: string, options: { gzip?: boolean } = {}): Promise<RunningSite> {
  const assets = sirv(dir, { dev: false, etag: true, extensions: ['html'] });
  const notFound = readFileSync(join(dir, '404.html'));
  const rules = readHeaderRules(dir);
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    const pathname = url.split('?')[0]!;
    for (const rule of rules) {
      if (rule.exact ? pathname === rule.prefix : pathname.startsWith(rule.prefix)) {
        for (const [name, value] of rule.headers) res.setHeader(name, value);
      }
    }
    const miss = () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(notFound);
    };
    if (!url.startsWith(base)) return miss();
    req.url = `/${url.slice(base.length)}`;
    if (options.gzip && sendGzipped(dir, req, res)) return;
    assets(req, res, miss);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
