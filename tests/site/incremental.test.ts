import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listFiles } from '../support/html-files.ts';
import { ROOT } from '../support/run-cli.ts';
import { SAMPLE_AT_ROOT, sampleSiteAtRoot } from '../support/shared-sites.ts';

/**
 * `npm run build` of root/data/ run in `root`, at the site root: made as the run's shared build of the
 * sample catalog is (data/ of the project, run there), since a server's key holds its file's path from
 * the working folder and the base path, so that build's pages are this one's to reuse.
 */
function build(root: string, outDir: string) {
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, CATALOG_DIR: join(root, 'data'), OUT_DIR: outDir, BASE_PATH: SAMPLE_AT_ROOT.base },
  });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  );
}

type ServerJson = { name: string; tools: { name: string; description?: string }[] };
const edit = (file: string, change: (server: ServerJson) => void) => {
  const server = JSON.parse(readFileSync(file, 'utf8')) as ServerJson;
  change(server);
  writeFileSync(file, JSON.stringify(server, null, 2));
};

describe('an incremental build', () => {
  it('renders only the servers that changed, and its site is identical, file for file, to a cold build', async () => {
    const root = mkdtempSync(join(tmpdir(), 'atlas-incr-'));
    const catalog = join(root, 'data');
    cpSync(resolve('data'), catalog, { recursive: true });
    const servers = join(catalog, 'servers');
    const out = join(root, 'site');
    // The previous build: a copy of a build of this catalog, which the next build takes as its own (as it would a deployed copy).
    cpSync((await sampleSiteAtRoot()).dir, out, { recursive: true, dereference: true });

    edit(join(servers, 'amazon-ecs.json'), (s) => (s.tools[0]!.description = 'A description edited since the last build.'));
    edit(join(servers, 'github.json'), (s) => s.tools.push({ name: 'archive_repository', description: 'Archives a repository so nobody can push to it.' }));
    edit(join(servers, 'payments.json'), (s) => s.tools.pop());
    rmSync(join(servers, 'team-chat.json'));
    writeFileSync(
      join(servers, 'weather-desk.json'),
      JSON.stringify({ name: 'Weather Desk', tools: [{ name: 'get_forecast', description: 'Reads the forecast for a city.' }] }),
    );

    const log = build(root, out);
    const reused = /reused (\d+) unchanged/.exec(log);
    expect(Number(reused?.[1])).toBeGreaterThan(0);
    expect(log).toMatch(/rendered (\d+) of 13 servers/);

    const cold = join(root, 'cold');
    build(root, cold);
    expect(snapshot(out)).toEqual(snapshot(cold));
    expect(listFiles(out).some((f) => f.startsWith('servers/team-chat/'))).toBe(false);
    expect(listFiles(out)).toContain('servers/github/archive-repository/index.html');
  });
});
