// One server file of ~24 MB whose history is all long texts that changed: the shape that once took
// 48 s per tool page and 61 s per feed (issue 29). Times what the build and `check` do with it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';
import { loadServerFile } from '../../src/build/catalog/load.ts';
import { diffLines } from '../../src/core/history/diff-lines.ts';
import { compareTools, describeDrift } from '../../src/core/history/drift.ts';
import { toolChanges } from '../../src/core/history/tool-history.ts';
import type { ServerFile, Tool } from '../../src/core/schema/server.ts';
import { serverChangesFeed, siteChangesFeed } from '../../src/core/site/change-feeds.ts';
import { round, toMB } from './stats.ts';

const VERSIONS = 6;
const PARAMETERS = 200;
const url = (path: string) => `https://atlas.example${path}`;
const words = (version: number, seed: number, length: number) =>
  `revision ${version} wording ${seed} of the parameter `.repeat(Math.ceil(length / 40)).slice(0, length);
const schema = (version: number) => ({
  type: 'object',
  properties: Object.fromEntries(Array.from({ length: PARAMETERS }, (_, i) => [`p${i}`, { type: 'string', description: words(version, i, 19_000) }])),
});

/** A tool whose 200 parameter descriptions all changed each time, and one whose long description did. */
function heavyServer(): ServerFile {
  const history = (entry: (version: number) => object) => Array.from({ length: VERSIONS - 1 }, (_, i) => ({ date: `2026-0${i + 1}-01`, ...entry(i + 1) }));
  const tools: Tool[] = [
    {
      name: 'fill_form',
      description: 'Fills a form.',
      inputSchema: schema(0),
      firstSeen: '2026-01-01',
      lastChanged: '2026-05-01',
      history: history((v) => ({ inputSchema: schema(v) })),
    },
    {
      name: 'read_manual',
      description: words(0, 0, 99_000),
      firstSeen: '2026-01-01',
      lastChanged: '2026-05-01',
      history: history((v) => ({ description: words(v, 0, 1_000_000) })),
    },
  ];
  return { name: 'Heavy History', tools };
}

/** Wall and CPU seconds of `run` (on a shared machine the CPU time is the steadier figure). */
function timed(run: () => unknown): { wall: number; cpu: number } {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  run();
  const used = process.cpuUsage(cpu);
  return { wall: round((performance.now() - wall) / 1000, 2), cpu: round((used.user + used.system) / 1e6, 2) };
}

export function benchHistoryHeavy(): Record<string, { wall: number; cpu: number }> {
  const work = mkdtempSync(join(tmpdir(), 'policy-atlas-bench-history-'));
  try {
    const path = join(work, 'heavy-history.json');
    const text = JSON.stringify(heavyServer());
    writeFileSync(path, text);
    console.log(`bench: a history-heavy server file of ${round(toMB(text.length))} MB`);
    let catalog: ReturnType<typeof buildCatalog> | undefined;
    let loaded: ReturnType<typeof loadServerFile> | undefined;
    const load = timed(() => {
      loaded = loadServerFile(path, work);
      catalog = buildCatalog([loaded]);
    });
    const server = catalog!.servers[0]!;
    const pages = server.tools.map((tool) => timed(() => toolChanges(loadDefinition(tool).definition).forEach((change) => diffLines(change.diff))));
    const slowestPage = pages.reduce((a, b) => (b.cpu > a.cpu ? b : a));
    const serverFeed = timed(() => serverChangesFeed(server, url));
    const siteFeed = timed(() => siteChangesFeed(catalog!, url));
    // What `check` compares when the server lists the first tool's oldest definition and nothing else.
    const listed = toolChanges(loaded!.data.tools[0]!)
      .map((change) => change.before as Tool)
      .slice(-1);
    const check = timed(() => describeDrift('heavy-history.json', compareTools(loaded!.data.tools, listed)));
    const result = { load, slowestToolPage: slowestPage, serverFeed, siteFeed, check };
    for (const [label, { wall, cpu }] of Object.entries(result)) console.log(`bench: history-heavy ${label}: ${wall} s (${cpu} s CPU)`);
    return result;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
