import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CATEGORIES, isLowConfidence, LEVELS } from '../../src/core/risk.ts';
import { run as classifyCommand } from '../../src/cli/classify-command.ts';
import { runCommand } from '../support/command-io.ts';
import { SMALL_SERVERS } from '../support/small-catalog.ts';

const dir = mkdtempSync(join(tmpdir(), 'policy-atlas-classify-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Row {
  server: string;
  tool: string;
  category: string;
  level: string;
  signals: string[];
  confidence: number;
  evidence: { source: string; detail: string; effect: string }[];
}

const classify = async (file: string) => {
  const result = await runCommand(classifyCommand, [file]);
  return { ...result, rows: result.code === 0 ? (JSON.parse(result.stdout) as Row[]) : [] };
};

describe('policy-atlas classify', () => {
  it('prints every tool of a data file as JSON, nbk_frob_state at low confidence', async () => {
    const file = join(dir, 'notebook.json');
    writeFileSync(file, JSON.stringify(SMALL_SERVERS.notebook));
    const { code, rows, stderr } = await classify(file);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(rows.map((row) => row.tool)).toEqual(SMALL_SERVERS.notebook!.tools.map((tool) => tool.name));
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(['server', 'tool', 'category', 'level', 'signals', 'confidence', 'evidence']);
      expect(row.server).toBe('Notebook Server');
      expect(CATEGORIES).toContain(row.category);
      expect(LEVELS).toContain(row.level);
    }
    const opaque = rows.find((row) => row.tool === 'nbk_frob_state');
    expect(isLowConfidence(opaque!.confidence)).toBe(true);
    expect(opaque?.evidence).toContainEqual({ source: 'description', detail: 'no description', effect: 'confidence down' });
  }, 30_000);

  it.each<[string, unknown, string]>([
    [
      'a tools/list result with serverInfo',
      { server: { name: 'dir', serverInfo: { name: 'notes', title: 'Notes' } }, tools: [{ name: 'delete_note' }] },
      'Notes',
    ],
    ['a JSON-RPC response', { jsonrpc: '2.0', id: 1, result: { tools: [{ name: 'delete_note' }] } }, 'rpc-dump'],
    ['a bare array', [{ name: 'delete_note' }], 'rpc-dump'],
  ])(
    'reads %s',
    async (_, json, server) => {
      const file = join(dir, 'rpc-dump.json');
      writeFileSync(file, JSON.stringify(json));
      const { code, rows } = await classify(file);
      expect(code).toBe(0);
      expect(rows.map((r) => [r.server, r.tool, r.category])).toEqual([[server, 'delete_note', 'destructive']]);
    },
    30_000,
  );

  it('a broken dump: the JSON path, exit 1, nothing on stdout', async () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"tools": [{"description": "x"}]}');
    const result = await runCommand(classifyCommand, [file]);
    expect(result.stderr).toBe(`policy-atlas classify: ${file} › tools[0].name: required, but missing (expected a string)\n`);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(1);
  }, 30_000);

  it('prints server text with controls escaped: still JSON that parses to the same names', async () => {
    const file = join(dir, 'hostile.json');
    // An 8-bit CSI and a bidi override: JSON.stringify leaves both raw.
    const names = ['wipe\u009b2J', 'safe\u202etxt.exe'];
    writeFileSync(file, JSON.stringify({ tools: names.map((name) => ({ name })) }));
    const result = await runCommand(classifyCommand, [file]);
    expect(result.code).toBe(0);
    expect(result.stdout).not.toMatch(/[\u0080-\u009f\u202e]/);
    expect(result.stdout).toContain(String.raw`"wipe\u009b2J"`);
    expect((JSON.parse(result.stdout) as Row[]).map((row) => row.tool)).toEqual(names);

    // A saved error answer: its message is quoted in the error line.
    writeFileSync(file, JSON.stringify({ jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'boom\n\u001b[2Kpolicy-atlas classify: fake' } }));
    const failed = await runCommand(classifyCommand, [file]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).not.toContain('\u001b');
    expect(failed.stderr.trimEnd().split('\n')).toHaveLength(1);
  }, 30_000);

  it("says each of a large server's warnings, then sums them up by kind", async () => {
    const file = join(dir, 'nulls.json');
    const tools = Array.from({ length: 400 }, (_, i) => ({ name: `tool_${i}`, annotations: { readOnlyHint: null, openWorldHint: null } }));
    writeFileSync(file, JSON.stringify({ tools: [...tools, { name: 'odd name' }] }));
    const result = await runCommand(classifyCommand, [file]);
    expect(result.code).toBe(0);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('policy-atlas classify: 801 warnings:');
    expect(lines).toContain(`  ${file} › tools[399].annotations.openWorldHint: null, read as not given`);
    expect(lines.slice(802)).toEqual([
      'In all, 801 warnings of 3 kinds, each with its count and first example:',
      `  1× ${file} › tools[400].name: "odd name" is outside MCP's tool-name rule (1 to 128 of A-Z a-z 0-9 _ - .), kept as sent`,
      `  400× ${file} › tools[0].annotations.readOnlyHint: null, read as not given`,
      `  400× ${file} › tools[0].annotations.openWorldHint: null, read as not given`,
    ]);
  }, 30_000);

  it('no file: usage, exit 2', async () => {
    const result = await runCommand(classifyCommand, []);
    expect(result.stderr).toMatch(/^policy-atlas classify: give one file\n\nUsage: policy-atlas classify <file>/);
    expect(result.code).toBe(2);
  }, 30_000);
});
