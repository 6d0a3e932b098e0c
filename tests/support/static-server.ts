import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';

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

/** Serves a built dist/ under a base path, as a static host would: `_headers` applied, 404.html for misses. */
export async function serveSite(dir: string, base: string): Promise<RunningSite> {
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
