import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { loadServerFile } from '../../src/build/catalog/load.ts';
import { listParameters } from '../../src/core/input-schema/parameters.ts';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import { canonicalJson, toolHash } from '../../src/core/history/definition-hash.ts';
import { parseToolsListText } from '../../src/core/import/parse-tools-list.ts';
import type { Tool } from '../../src/core/schema/server.ts';

// 20,000 levels of {"properties": {"a": ...}}: JSON.parse takes it; anything recursive overflows.
const LEVELS = 20_000;
const deepText = '{"type":"object","properties":{"a":'.repeat(LEVELS) + '{"type":"string"}' + '}}'.repeat(LEVELS);
const deepTool = `{"name":"deep","description":"Reads a deeply nested thing.","inputSchema":${deepText},"_meta":${deepText}}`;
const GENEROUS_MS = 5_000;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** Runs `fn`, failing on any throw, and returns its result with the time it took. */
function timed<T>(fn: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = fn();
  return { result, ms: performance.now() - start };
}

function loadDeep() {
  const root = mkdtempSync(join(tmpdir(), 'policy-atlas-unit-'));
  dirs.push(root);
  mkdirSync(join(root, 'servers'));
  writeFileSync(join(root, 'servers', 'deep.json'), `{"name":"Deep","tools":[${deepTool}]}`);
  return loadServerFile(join(root, 'servers', 'deep.json'), root);
}

describe(`a schema nested ${LEVELS.toLocaleString('en-US')} levels deep never ends in a RangeError`, () => {
  it('the loader cuts it below 64 levels, says so, and the rest reads as before', () => {
    const { result: loaded, ms } = timed(loadDeep);
    expect(ms).toBeLessThan(GENEROUS_MS);
    expect(timed(() => buildCatalog([loaded])).ms).toBeLessThan(GENEROUS_MS);
    expect(loaded.warnings).toEqual([
      'servers/deep.json › tools[0].inputSchema: nested more than 64 levels deep, read as {} below that',
      'servers/deep.json › tools[0]._meta: nested more than 64 levels deep, read as {} below that',
    ]);
    const tool = loaded.data.tools[0]!;
    expect(() => JSON.stringify(tool)).not.toThrow();
    expect(listParameters(tool.inputSchema).map((p) => p.path)).toEqual(['a', 'a.a', 'a.a.a', 'a.a.a.a']);
  });

  it('parseToolsList cuts it the same way, with a note', () => {
    const { result: page, ms } = timed(() => parseToolsListText(`{"tools":[${deepTool}]}`, 'dump.json'));
    expect(ms).toBeLessThan(GENEROUS_MS);
    expect(page.notes).toEqual([
      'dump.json › tools[0].inputSchema: nested more than 64 levels deep, read as {} below that',
      'dump.json › tools[0]._meta: nested more than 64 levels deep, read as {} below that',
    ]);
    expect(() => JSON.stringify(page.tools)).not.toThrow();
    expect(toolHash(page.tools[0]!)).toMatch(/^[0-9a-f]{12}$/);
  });

  it('hashing takes the whole uncut schema', () => {
    const tool = { name: 'deep', inputSchema: JSON.parse(deepText) as Record<string, unknown> };
    const { result: hash, ms } = timed(() => toolHash(tool));
    expect(ms).toBeLessThan(GENEROUS_MS);
    expect(hash).toMatch(/^[0-9a-f]{12}$/);
    expect(canonicalJson(tool.inputSchema).length).toBe(deepText.length);
  });

  it('buildCatalog, listParameters and the classifier read an uncut schema too, deep defaults included', () => {
    const deep = JSON.parse(deepText) as Record<string, unknown>;
    const inputSchema = { type: 'object', properties: { a: deep, b: { type: 'object', default: deep, enum: [deep] } } };
    const tool: Tool = { name: 'deep_uncut', inputSchema };
    const { result, ms } = timed(() => {
      const catalog = buildCatalog([{ slug: 'raw', file: 'servers/raw.json', data: { name: 'Raw', tools: [tool] } }]);
      return { catalog, classification: classifyTool(tool), parameters: listParameters(inputSchema) };
    });
    expect(ms).toBeLessThan(GENEROUS_MS);
    expect(result.catalog.tools).toHaveLength(1);
    expect(result.parameters.find((p) => p.path === 'b')).toMatchObject({ defaultValue: '…', enumValues: ['…'] });
    expect(result.classification.level).toBeDefined();
  });
});
