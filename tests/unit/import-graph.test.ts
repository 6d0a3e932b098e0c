import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  browserEntries,
  coreGraph,
  corePart,
  corePartGraph,
  cycles,
  nodeApiChains,
  pageImportsOfBuild,
  PROJECT_ROOT,
  systemApiImports,
} from '../../scripts/import-graph.ts';

const graph = coreGraph();
const targets = (edges: ReadonlyMap<string, readonly { target: string }[]>) =>
  new Map([...edges].map(([from, list]) => [from, list.map((edge) => edge.target)]));

// The foundation of core: text and error helpers that know nothing of the catalog or the classifier.
const FOUNDATION = new Set(['errors', 'text']);

describe('src/core imports point downward', () => {
  it('has no cycle between modules', () => {
    expect(cycles(targets(graph))).toEqual([]);
  });

  it('has no cycle between its parts (directories)', () => {
    expect(cycles(corePartGraph(graph))).toEqual([]);
  });

  it('the foundation (errors/, text/) imports only the foundation', () => {
    const outside = [...graph].flatMap(([module, edges]) =>
      FOUNDATION.has(corePart(module)) ? edges.filter((edge) => !FOUNDATION.has(corePart(edge.target))).map((edge) => `${module} -> ${edge.target}`) : [],
    );
    expect(outside).toEqual([]);
  });

  it('policy/ (schema, evaluate, validate, lint, simulate) imports only policy/ and the foundation', () => {
    const outside = [...graph].flatMap(([module, edges]) =>
      corePart(module) === 'policy'
        ? edges.filter((edge) => corePart(edge.target) !== 'policy' && !FOUNDATION.has(corePart(edge.target))).map((edge) => `${module} -> ${edge.target}`)
        : [],
    );
    expect(outside).toEqual([]);
  });
});

/** A project folder in /tmp holding `files` (path -> text). */
function fakeProject(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'import-graph-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('src/core touches no file system and starts no process', () => {
  it('no module under src/core imports node:fs, child_process, worker_threads or module', () => {
    expect(systemApiImports()).toEqual([]);
  });

  it('the check finds such an import, bare or node:, and lets pure Node modules and `import type` by', () => {
    const root = fakeProject({
      'src/core/reads.ts': "import { readFileSync } from 'node:fs';\nexport const read = readFileSync;\n",
      'src/core/site/spawns.ts': "import { spawn } from 'child_process';\nimport { readdir } from 'fs/promises';\nexport { spawn, readdir };\n",
      'src/core/pure.ts':
        "import { join } from 'node:path';\nimport { createHash } from 'node:crypto';\nimport type { Stats } from 'node:fs';\nexport type S = Stats;\nexport const f = () => createHash('sha256').update(join('a', 'b'));\n",
    });
    expect(systemApiImports(join(root, 'src/core'), root)).toEqual([
      'src/core/reads.ts -> node:fs',
      'src/core/site/spawns.ts -> child_process',
      'src/core/site/spawns.ts -> fs/promises',
    ]);
  });
});

describe("pages, components and layouts import nothing of src/build but the page job's contract", () => {
  it('holds on the real tree', () => {
    expect(pageImportsOfBuild()).toEqual([]);
  });

  it('the check finds a page or component importing src/build, and lets src/build/page-job.ts by', () => {
    const root = fakeProject({
      'src/build/page-job.ts': 'export const job = 1;\n',
      'src/build/run-build.ts': 'export const run = 1;\n',
      'src/content.ts': "import { run } from './build/run-build.ts';\nexport const c = run;\n",
      'src/pages/index.astro': "---\nimport { job } from '../build/page-job.ts';\nimport { run } from '../build/run-build.ts';\n---\n<p>{job}{run}</p>\n",
      'src/components/Fine.astro': "---\nimport { c } from '../content.ts';\n---\n<p>{c}</p>\n",
      'src/layouts/helper.ts': "export { run } from '../build/run-build.ts';\n",
    });
    expect(pageImportsOfBuild(root)).toEqual(['src/pages/index.astro -> src/build/run-build.ts', 'src/layouts/helper.ts -> src/build/run-build.ts']);
  });
});

describe('browser code reaches no Node API', () => {
  it('finds the islands and src/lib', () => {
    const entries = browserEntries().map((path) => relative(PROJECT_ROOT, path));
    expect(entries).toEqual(
      expect.arrayContaining(['src/lib/validator/policy-validator.ts', 'src/lib/search/atlas-search.ts', 'src/lib/dialects/policy-dialects.ts']),
    );
  });

  it('no browser entry loads node:* through its imports', () => {
    const chains = nodeApiChains(browserEntries()).map((chain) =>
      chain.map((link) => (link.startsWith('/') ? relative(PROJECT_ROOT, link) : link)).join(' -> '),
    );
    expect(chains).toEqual([]);
  });

  it('the check sees a Node API behind a value import, not behind `import type`', () => {
    const root = mkdtempSync(join(tmpdir(), 'import-graph-'));
    mkdirSync(join(root, 'src/lib'), { recursive: true });
    mkdirSync(join(root, 'src/components'));
    writeFileSync(
      join(root, 'src/components/Island.astro'),
      "---\nimport { readFileSync } from 'node:fs';\n---\n<script>\n  import { run } from '../island.ts';\n  run();\n</script>\n",
    );
    writeFileSync(join(root, 'src/island.ts'), "import { helper } from './helper.ts';\nexport const run = helper;\n");
    writeFileSync(
      join(root, 'src/helper.ts'),
      "import { join } from 'path';\nimport type { Stats } from 'node:fs';\nexport const helper = () => join('a', 'b');\n",
    );
    writeFileSync(join(root, 'src/lib/types-only.ts'), "import type { Server } from 'node:http';\nexport type S = Server;\n");
    const entries = browserEntries(root);
    expect(entries.map((path) => relative(root, path))).toEqual(['src/island.ts', 'src/lib/types-only.ts']);
    expect(nodeApiChains(entries).map((chain) => chain.map((link) => (link.startsWith('/') ? relative(root, link) : link)))).toEqual([
      ['src/island.ts', 'src/helper.ts', 'path'],
    ]);
  });

  it('the cycle check finds a cycle', () => {
    expect(
      cycles(
        new Map([
          ['a', ['b']],
          ['b', ['c']],
          ['c', ['a']],
          ['d', ['d']],
          ['e', ['a']],
        ]),
      ),
    ).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
