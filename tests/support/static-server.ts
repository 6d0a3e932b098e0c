import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sirv from 'sirv';

export interface RunningSite {
  /** e.g. http://127.0.0.1:41234/atlas/ */
  url: string;
  close(): Promise<void>;
}

/** Serves a built dist/ under a base path, as a static host would, with 404.html for misses. */
export async function serveSite(dir: string, base: string, headers: Record<string, string> = {}): Promise<RunningSite> {
  const assets = sirv(dir, { dev: false, etag: true, extensions: ['html'] });
  const notFound = readFileSync(join(dir, '404.html'));
  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const url = req.url ?? '/';
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
