import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { browserEntries, coreGraph, corePart, corePartGraph, cycles, nodeApiChains, PROJECT_ROOT } from '../../scripts/import-graph.ts';

const graph = coreGraph();
const targets = (edges: ReadonlyMap<string, readonly { target: string }[]>) => new Map([...edges].map(([from, list]) => [from, list.map((edge) => edge.target)]));

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
      corePart(module) === 'policy' ? edges.filter((edge) => corePart(edge.target) !== 'policy' && !FOUNDATION.has(corePart(edge.target))).map((edge) => `${module} -> ${edge.target}`) : [],
    );
    expect(outside).toEqual([]);
  });
});

describe('browser code reaches no Node API', () => {
  it('finds the islands and src/lib', () => {
    const entries = browserEntries().map((path) => relative(PROJECT_ROOT, path));
    expect(entries).toEqual(expect.arrayContaining(['src/lib/validator/policy-validator.ts', 'src/lib/search/atlas-search.ts', 'src/lib/dialects/policy-dialects.ts']));
  });

  it('no browser entry loads node:* through its imports', () => {
    const chains = nodeApiChains(browserEntries()).map((chain) => chain.map((link) => (link.startsWith('/') ? relative(PROJECT_ROOT, link) : link)).join(' -> '));
    expect(chains).toEqual([]);
  });

  it('the check sees a Node API behind a value import, not behind `import type`', () => {
    const root = mkdtempSync(join(tmpdir(), 'import-graph-'));
    mkdirSync(join(root, 'src/lib'), { recursive: true });
    mkdirSync(join(root, 'src/components'));
    writeFileSync(join(root, 'src/components/Island.astro'), "---\nimport { readFileSync } from 'node:fs';\n---\n<script>\n  import { run } from '../island.ts';\n  run();\n</script>\n");
    writeFileSync(join(root, 'src/island.ts'), "import { helper } from './helper.ts';\nexport const run = helper;\n");
    writeFileSync(join(root, 'src/helper.ts'), "import { join } from 'path';\nimport type { Stats } from 'node:fs';\nexport const helper = () => join('a', 'b');\n");
    writeFileSync(join(root, 'src/lib/types-only.ts'), "import type { Server } from 'node:http';\nexport type S = Server;\n");
    const entries = browserEntries(root);
    expect(entries.map((path) => relative(root, path))).toEqual(['src/island.ts', 'src/lib/types-only.ts']);
    expect(nodeApiChains(entries).map((chain) => chain.map((link) => (link.startsWith('/') ? relative(root, link) : link)))).toEqual([['src/island.ts', 'src/helper.ts', 'path']]);
  });

  it('the cycle check finds a cycle', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['d']], ['e', ['a']]]))).toEqual([['a', 'b', 'c'], ['d']]);
  });
});
