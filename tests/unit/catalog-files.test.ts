import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalogInWorker } from '../../src/build/read-catalog.ts';
import { loadAccuracyFile } from '../../src/build/catalog/accuracy-file.ts';
import { loadCatalogDir } from '../../src/build/catalog/load.ts';
import { readDataFile } from '../../src/build/catalog/read-data-file.ts';
import { DataError } from '../../src/core/errors/friendly.ts';

type Entry = 'zero' | 'pipe' | 'folder';
/** A catalog with one good server and entries that are no files: a link to an endless device, a FIFO no one writes, a folder. */
function hostileCatalog(entries: Entry[] = ['zero', 'pipe', 'folder']): string {
  const catalog = mkdtempSync(join(tmpdir(), 'atlas-files-'));
  const servers = join(catalog, 'servers');
  mkdirSync(servers);
  writeFileSync(join(servers, 'good.json'), JSON.stringify({ name: 'Good', tools: [{ name: 'list_things' }] }));
  if (entries.includes('zero')) symlinkSync('/dev/zero', join(servers, 'zero.json'));
  if (entries.includes('pipe')) execFileSync('mkfifo', [join(servers, 'pipe.json')]);
  if (entries.includes('folder')) mkdirSync(join(servers, 'folder.json'));
  return catalog;
}

const NOT_A_FILE = 'not a file; a catalog holds only regular files (hint: replace it by the server file it stands for)';

const problems = (read: () => unknown): string[] => {
  try {
    read();
  } catch (error) {
    if (error instanceof DataError) return error.lines;
    throw error;
  }
  return [];
};

describe('a catalog entry that is not a regular file', () => {
  it.each<[Entry, string]>([
    ['zero', `servers/zero.json: a device, ${NOT_A_FILE}`],
    ['pipe', `servers/pipe.json: a named pipe, ${NOT_A_FILE}`],
    ['folder', `servers/folder.json: a folder, ${NOT_A_FILE}`],
  ])('is named as a problem, not read: %s', { timeout: 10_000 }, (entry, line) => {
    const catalog = hostileCatalog([entry]);
    expect(problems(() => loadCatalogDir(catalog, catalog))).toEqual([line]);
  });

  it("fails the build's reader, which does not wait on the FIFO", { timeout: 60_000 }, async () => {
    const catalog = hostileCatalog();
    const reading = readCatalogInWorker(catalog, join(catalog, 'cache.ndjson'), 'salt');
    await expect(reading).rejects.toThrow(DataError);
    await expect(reading).rejects.toThrow(/pipe\.json: a named pipe.*\n.*zero\.json: a device/s);
  });

  it('is refused as accuracy.json too (a FIFO would stop the build before it starts)', { timeout: 10_000 }, () => {
    const catalog = hostileCatalog([]);
    execFileSync('mkfifo', [join(catalog, 'accuracy.json')]);
    expect(problems(() => loadAccuracyFile(catalog, catalog))).toEqual([`accuracy.json: a named pipe, ${NOT_A_FILE}`]);
  });

  it('linking to /dev/stdin is no way around it', { timeout: 10_000 }, () => {
    const catalog = hostileCatalog([]);
    symlinkSync('/dev/stdin', join(catalog, 'servers/stdin.json'));
    expect(problems(() => loadCatalogDir(catalog, catalog))).toEqual([
      expect.stringMatching(/^servers\/stdin\.json: (a named pipe|a device|a socket|not a regular file), not a file/),
    ]);
  });
});

describe('a data file past the size a data file may have', () => {
  it('is refused before it is read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'atlas-files-')), 'big.json');
    writeFileSync(file, `"${'x'.repeat(3 << 20)}"`);
    expect(problems(() => readDataFile(file, 'big.json', 2 << 20))).toEqual([
      'big.json: 3 MB, more than the 2 MB a data file may hold (hint: a server file is rarely over a few MB; check what wrote it)',
    ]);
    expect(readDataFile(file, 'big.json', 4 << 20)).toHaveLength((3 << 20) + 2);
  });
});
