import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCatalogInWorker } from '../../src/build/read-catalog.ts';
import { buildCatalog, type Catalog } from '../../src/core/catalog/build-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';
import { readCache } from '../../src/build/catalog/cache-file.ts';
import { eachCachedServer, loadCatalogCached, readCachedCatalog, RecentBodies } from '../../src/build/catalog/catalog-cache.ts';
import { loadCatalogDir } from '../../src/build/catalog/load.ts';
import { buildRelatedIndex } from '../../src/core/catalog/related.ts';
import { serverKeys } from '../../src/build/server-keys.ts';
import { DataError } from '../../src/core/errors/friendly.ts';

// Each reading starts two Node processes; on a loaded 2-core machine that alone can pass 5 s.
const PROCESS_TEST_TIMEOUT = 60_000;

/** A fresh copy of the sample catalog and a cache file beside it. */
function setup() {
  const root = mkdtempSync(join(tmpdir(), 'atlas-cache-'));
  const catalogDir = join(root, 'catalog');
  cpSync(resolve('data'), catalogDir, { recursive: true });
  return { catalogDir, cacheFile: join(root, 'catalog.ndjson') };
}

/** Everything a page can read of the catalog, without the server <-> tool cycle. */
const shape = (catalog: Catalog) =>
  catalog.servers.map((s) => ({ slug: s.slug, meta: s.meta, levelCounts: s.levelCounts, tools: s.tools.map(({ server: _server, ...tool }) => tool) }));

describe('the catalog cache', () => {
  it('gives the pages the same catalog as reading the files, to the last undefined key', () => {
    const { catalogDir, cacheFile } = setup();
    const fresh = loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    expect(fresh.reused).toBe(0);
    const fromCache = readCachedCatalog(cacheFile, 'fingerprint-1')!;
    const direct = buildCatalog(loadCatalogDir(catalogDir));
    expect(shape(buildCatalog(fromCache))).toStrictEqual(shape(direct));
    expect(fresh).toMatchObject({ servers: direct.servers.length, tools: direct.tools.length });
    expect(fresh.warnings).toStrictEqual(loadCatalogDir(catalogDir).flatMap((s) => s.warnings));
  });

  it('keys a server by what its pages show, not by where its file was read from', () => {
    const here = setup();
    const elsewhere = setup();
    loadCatalogCached(here.catalogDir, here.cacheFile, 'fingerprint-1', dirname(here.catalogDir));
    loadCatalogCached(elsewhere.catalogDir, elsewhere.cacheFile, 'fingerprint-1', '/');
    const digests = (cacheFile: string) => buildCatalog(readCachedCatalog(cacheFile, 'fingerprint-1')!).servers.map((server) => [server.slug, server.digest]);
    expect(digests(elsewhere.cacheFile)).toStrictEqual(digests(here.cacheFile));
  });

  it('reads again only the files that changed, and only under the same code', () => {
    const { catalogDir, cacheFile } = setup();
    const first = loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    const count = first.servers;
    const unchanged = readFileSync(cacheFile);
    expect(loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1').reused).toBe(count);
    // Nothing changed: the cache is left as it was, byte for byte.
    expect(readFileSync(cacheFile)).toStrictEqual(unchanged);

    const file = join(catalogDir, 'servers', 'github.json');
    const server = JSON.parse(readFileSync(file, 'utf8')) as { tools: { name: string; description?: string }[] };
    server.tools[0]!.description = 'Deletes every repository of the organisation.';
    writeFileSync(file, JSON.stringify(server));
    const second = loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    expect(second.reused).toBe(count - 1);
    const changed = buildCatalog(readCachedCatalog(cacheFile, 'fingerprint-1')!)
      .servers.find((s) => s.slug === 'github')!
      .tools.find((t) => t.name === server.tools[0]!.name)!;
    expect(loadDefinition(changed).definition.description).toBe('Deletes every repository of the organisation.');

    expect(loadCatalogCached(catalogDir, cacheFile, 'fingerprint-2').reused).toBe(0);
    expect(readCachedCatalog(cacheFile, 'fingerprint-1')).toBeUndefined();
  });

  it("reads again a file replaced by another whose size and times match the reading's (another inode)", () => {
    const { catalogDir, cacheFile } = setup();
    const file = join(catalogDir, 'servers', 'github.json');
    const server = JSON.parse(readFileSync(file, 'utf8')) as { tools: { name: string; description?: string }[] };
    const original = server.tools[0]!.description!;
    loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    // Another file, the same length, moved over the first: a new inode.
    server.tools[0]!.description = original.replace(/^./, (c) => (c === 'X' ? 'Y' : 'X'));
    writeFileSync(`${file}.new`, JSON.stringify(server));
    renameSync(`${file}.new`, file);
    // Times are coarse (a clock tick, a copy that keeps them): here they and the size coincide with the reading's.
    const [now, nowNs] = [statSync(file), statSync(file, { bigint: true })];
    const coinciding: Record<string, unknown> = {
      size: now.size,
      mtimeMs: now.mtimeMs,
      ctimeMs: now.ctimeMs,
      mtimeNs: String(nowNs.mtimeNs),
      ctimeNs: String(nowNs.ctimeNs),
    };
    const lines = readFileSync(cacheFile, 'utf8')
      .split('\n')
      .map((line) => {
        const tab = line.indexOf('\t');
        if (!line.startsWith('{"name":"github.json"')) return line;
        const head = JSON.parse(line.slice(0, tab)) as Record<string, unknown>;
        for (const key of Object.keys(coinciding)) if (key in head) head[key] = coinciding[key];
        return `${JSON.stringify(head)}${line.slice(tab)}`;
      });
    writeFileSync(cacheFile, lines.join('\n'));

    const again = loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    expect(again.reused).toBe(again.servers - 1);
    const github = buildCatalog(readCachedCatalog(cacheFile, 'fingerprint-1')!).servers.find((s) => s.slug === 'github')!;
    expect(loadDefinition(github.tools.find((t) => t.name === server.tools[0]!.name)!).definition.description).toBe(server.tools[0]!.description);
  });

  it('fails on a bad file with its problems, and keeps the last good cache', () => {
    const { catalogDir, cacheFile } = setup();
    loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    const before = readFileSync(cacheFile, 'utf8');
    writeFileSync(join(catalogDir, 'servers', 'broken.json'), '{ "name": "Broken", "tools": [ ,, ] }');
    expect(() => loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1')).toThrow(DataError);
    expect(readFileSync(cacheFile, 'utf8')).toBe(before);
  });

  it('names files relative to the reader, whichever folder wrote the cache', () => {
    const { catalogDir, cacheFile } = setup();
    loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1', '/');
    const servers = readCachedCatalog(cacheFile, 'fingerprint-1', catalogDir)!;
    expect(servers.map((s) => s.file)).toContain(join('servers', 'github.json'));
  });

  it('lets listings read a server without its definitions, which are read when a page asks', () => {
    const { catalogDir, cacheFile } = setup();
    loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    const catalog = buildCatalog(readCachedCatalog(cacheFile, 'fingerprint-1')!);
    const direct = buildCatalog(loadCatalogDir(catalogDir));
    // Spoil every body in place (same length, so offsets hold): what listings show must not need one.
    const lines = readFileSync(cacheFile, 'utf8').split('\n');
    writeFileSync(
      cacheFile,
      lines.map((line, i) => (i === 0 ? line : line.replace(/\t([^\t]*)$/, (_, body: string) => `\t${'x'.repeat(Buffer.byteLength(body) - 1)}}`))).join('\n'),
    );
    const listed = (c: Catalog) => c.tools.map((t) => [t.server.slug, t.slug, t.name, t.summary, t.changeDates, t.classification]);
    expect(listed(catalog)).toStrictEqual(listed(direct));
    expect(catalog.tools.some((t) => t.summary !== '')).toBe(true);
    expect(() => loadDefinition(catalog.tools[0]!)).toThrow();
  });

  it('gives a server a new build key when only its definitions change, which listings do not show', () => {
    const { catalogDir, cacheFile } = setup();
    const keysNow = () => {
      loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
      const catalog = buildCatalog(readCachedCatalog(cacheFile, 'fingerprint-1')!);
      return serverKeys(catalog, buildRelatedIndex(catalog), 'fingerprint-1');
    };
    const before = keysNow();
    const file = join(catalogDir, 'servers', 'github.json');
    const server = JSON.parse(readFileSync(file, 'utf8')) as { tools: { inputSchema: { properties?: Record<string, { description?: string }> } }[] };
    const [parameter] = server.tools.flatMap((tool) => Object.values(tool.inputSchema.properties ?? {}));
    parameter!.description = 'Said differently, shown only on the tool page.';
    writeFileSync(file, JSON.stringify(server));
    const after = keysNow();
    expect([...after].filter(([slug, key]) => before.get(slug) !== key).map(([slug]) => slug)).toStrictEqual(['github']);
  });

  it('treats a torn or foreign cache as none', () => {
    const { catalogDir, cacheFile } = setup();
    writeFileSync(cacheFile, '{"version":1,"fingerprint":"salt-1"}\n{"name": "github.json", "tru');
    expect(loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1').reused).toBe(0);
    // A line cut short after its head: its body is not read when reusing it, so the line is checked whole.
    const whole = readFileSync(cacheFile, 'utf8').split('\n');
    writeFileSync(cacheFile, [...whole.slice(0, 2), whole[2]!.slice(0, -20)].join('\n'));
    expect(loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1').reused).toBe(0);
    expect(readCachedCatalog(cacheFile, 'fingerprint-1')).toBeDefined();
    writeFileSync(cacheFile, 'not json at all');
    expect(readCachedCatalog(cacheFile, 'fingerprint-1')).toBeUndefined();
  });
});

describe('readCache: the one reader of the cache file', () => {
  it("gives one checked line per server, in the file's order", () => {
    const { catalogDir, cacheFile } = setup();
    const { servers } = loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    const slugs = [...readCache(cacheFile, 'fingerprint-1')].map((line) => line.head().slug);
    expect(slugs).toHaveLength(servers);
    expect(slugs).toStrictEqual(loadCatalogDir(catalogDir).map((s) => s.slug));
    expect([...eachCachedServer(cacheFile, 'fingerprint-1')].map((s) => s.slug)).toStrictEqual([...slugs].sort());
  });

  it('throws for a missing file, another fingerprint or version, and at a torn line', () => {
    const { catalogDir, cacheFile } = setup();
    expect(() => [...readCache(cacheFile, 'fingerprint-1')]).toThrow(/holds no catalog/);
    loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    expect(() => [...readCache(cacheFile, 'fingerprint-2')]).toThrow(/holds no catalog/);
    expect(() => [...eachCachedServer(cacheFile, 'fingerprint-2')]).toThrow(/holds no catalog/);
    const [header, ...lines] = readFileSync(cacheFile, 'utf8').split('\n');
    writeFileSync(cacheFile, [header!.replace(/"version":\d+/, '"version":4'), ...lines].join('\n'));
    expect(() => [...readCache(cacheFile, 'fingerprint-1')]).toThrow(/holds no catalog/);
    writeFileSync(cacheFile, [header, lines[0], lines[1]!.slice(0, -1)].join('\n'));
    expect(() => [...readCache(cacheFile, 'fingerprint-1')]).toThrow(/torn line/);
  });
});

describe('the build reading the catalog in two batches at once', () => {
  it('writes the cache a single reader writes, byte for byte, and reuses it the same way', { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const { catalogDir, cacheFile } = setup();
    loadCatalogCached(catalogDir, cacheFile, 'fingerprint-1');
    const single = readFileSync(cacheFile);
    rmSync(cacheFile);
    const reading = await readCatalogInWorker(catalogDir, cacheFile, 'fingerprint-1', 0);
    expect(readFileSync(cacheFile)).toStrictEqual(single);
    expect(reading).toMatchObject({ servers: loadCatalogDir(catalogDir).length, reused: 0 });
    expect((await readCatalogInWorker(catalogDir, cacheFile, 'fingerprint-1', 0)).reused).toBe(reading.servers);
    expect(readdirSync(dirname(cacheFile)).filter((name) => name.includes('.batch'))).toStrictEqual([]);
  });

  it("reports both batches' problems in file order and keeps the last good cache", { timeout: PROCESS_TEST_TIMEOUT }, async () => {
    const { catalogDir, cacheFile } = setup();
    await readCatalogInWorker(catalogDir, cacheFile, 'fingerprint-1', 0);
    const before = readFileSync(cacheFile, 'utf8');
    writeFileSync(join(catalogDir, 'servers', 'aaa-broken.json'), '{ "name": "Broken", "tools": [ ,, ] }');
    writeFileSync(join(catalogDir, 'servers', 'zzz-broken.json'), '{ "name": 7, "tools": [] }');
    const error = await readCatalogInWorker(catalogDir, cacheFile, 'fingerprint-1', 0).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    const lines = (error as DataError).lines;
    expect(lines.findIndex((line) => line.includes('aaa-broken.json'))).toBeGreaterThanOrEqual(0);
    expect(lines.findIndex((line) => line.includes('aaa-broken.json'))).toBeLessThan(lines.findIndex((line) => line.includes('zzz-broken.json')));
    expect(readFileSync(cacheFile, 'utf8')).toBe(before);
    expect(readdirSync(dirname(cacheFile)).filter((name) => name.includes('.batch'))).toStrictEqual([]);
  });
});

describe('RecentBodies: the server bodies a page process keeps', () => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  /** A file of bodies one after another, and where each is. */
  function bodiesFile(sizes: number[]) {
    const places: { offset: number; length: number }[] = [];
    let text = '';
    sizes.forEach((size, i) => {
      const body = JSON.stringify({ server: { data: { tools: [{ name: `t${i}`, description: 'x'.repeat(size) }] } }, parameters: [[]] });
      places.push({ offset: Buffer.byteLength(text), length: Buffer.byteLength(body) });
      text += body;
    });
    const folder = mkdtempSync(join(tmpdir(), 'atlas-bodies-'));
    folders.push(folder);
    const file = join(folder, 'bodies');
    writeFileSync(file, text);
    return { file, places };
  }

  it('keeps at most its count of small bodies, the most recently used', () => {
    const { file, places } = bodiesFile([10, 10, 10, 10]);
    const bodies = new RecentBodies(file, 3);
    places.forEach((place, i) => expect(bodies.get(`s${i}`, place).definitions[0]!.name).toBe(`t${i}`));
    expect(bodies.held).toBe(3);
  });

  it('keeps fewer when their text passes its byte bound, but always the newest, and reads an evicted one again', () => {
    const { file, places } = bodiesFile([1000, 1000, 5000, 10]);
    const bodies = new RecentBodies(file, 8, 2500);
    bodies.get('s0', places[0]!);
    bodies.get('s1', places[1]!);
    expect(bodies.held).toBe(2);
    expect(bodies.get('s2', places[2]!).definitions[0]!.name).toBe('t2');
    expect(bodies.held).toBe(1);
    bodies.get('s3', places[3]!);
    expect(bodies.held).toBe(1);
    expect(bodies.get('s0', places[0]!).definitions[0]!.name).toBe('t0');
  });
});
