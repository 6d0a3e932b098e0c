import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { labelFreeFigures, labelFreeFlag, mainVerb } from '../../src/core/classify/label-free.ts';
import { labelAgreement, wilson, type BlindLabel } from '../../src/core/classify/label-agreement.ts';
import { ROOT } from '../support/run-cli.ts';

describe('mainVerb: a fixed list, apart from the classifier', () => {
  it.each([
    ['getInvoiceTotals', undefined, 'get', 'reads', 'name'],
    ['orders_list', undefined, 'list', 'reads', 'name'],
    ['remove-member', undefined, 'remove', 'changes', 'name'],
    ['payment', 'Pays an invoice from the default account.', 'pay', 'changes', 'description'],
    ['weather', 'Returns the forecast for a city.', 'get', 'reads', 'description'],
  ] as const)('%s', (name, description, verb, kind, where) => {
    expect(mainVerb(name, description)).toEqual({ verb, kind, where });
  });

  it('says nothing where no listed verb is found', () => {
    expect(mainVerb('forecast', 'Seven days ahead.')).toBeUndefined();
  });
});

describe('labelFreeFigures', () => {
  const samples = [
    { name: 'get_report', category: 'read', level: 'low' },
    { name: 'get_secret', category: 'read', level: 'high' },
    { name: 'list_hosts', category: 'execute', level: 'critical' },
    { name: 'delete_host', category: 'destructive', level: 'high' },
    { name: 'send_mail', category: 'read', level: 'low' },
    { name: 'forecast', category: 'read', level: 'low' },
  ] as const;

  it('counts reading verbs rated high or critical, and changing verbs rated read', () => {
    expect(labelFreeFigures(samples)).toEqual({ readVerbAlarm: { count: 2, of: 3 }, changeVerbRead: { count: 1, of: 2 } });
  });

  it('flags the tools behind the figures and no others', () => {
    expect(samples.map((s) => labelFreeFlag(s)?.check)).toEqual([undefined, 'readVerbAlarm', 'readVerbAlarm', undefined, 'changeVerbRead', undefined]);
  });
});

describe('labelAgreement', () => {
  it('a Wilson interval holds the share and stays within 0..1', () => {
    expect(wilson(0, 10).low).toBe(0);
    expect(wilson(10, 10).high).toBe(1);
    const p = wilson(85, 100);
    expect(p.low).toBeGreaterThan(0.76);
    expect(p.high).toBeLessThan(0.91);
  });

  it('compares category, read or not, and the two costly mistakes', () => {
    const label = (category: BlindLabel['category'], level: BlindLabel['level']): BlindLabel => ({
      file: 'f.json',
      tool: '0'.repeat(16),
      category,
      readOnly: category === 'read',
      level,
    });
    const a = labelAgreement([
      { label: label('read', 'low'), rated: { category: 'read', level: 'low' } },
      { label: label('read', 'low'), rated: { category: 'execute', level: 'critical' } },
      { label: label('write', 'medium'), rated: { category: 'read', level: 'low' } },
      { label: label('destructive', 'high'), rated: { category: 'write', level: 'medium' } },
    ]);
    expect([a.category.count, a.readOrNot.count, a.readRecall.count, a.readAlarm.count, a.readOnWrites.count]).toEqual([1, 2, 1, 1, 1]);
    expect([a.category.of, a.readRecall.of, a.readOnWrites.of]).toEqual([4, 2, 2]);
  });
});

describe('eval:classifier, label-free and blind labels, on a fixture folder', () => {
  const FIXTURES = join(ROOT, 'tests/fixtures/eval');
  const run = (args: readonly string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, [join(ROOT, 'scripts/eval-classifier.ts'), ...args], { cwd: ROOT, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
      });
    });

  it('counts the tools by their main verb, whatever they are rated, and --flags lists exactly the counted ones', async () => {
    const { code, stdout } = await run([FIXTURES, '--json']);
    expect(code).toBe(0);
    const { labelFree } = JSON.parse(stdout);
    // Reads: list_events, list_notes, show_env, get_ticket, and forecast and alerts by "Returns"; changes: cancel_event, delete_note, run_command, run_sql, create_ticket.
    expect(labelFree.readVerbAlarm.of).toBe(6);
    expect(labelFree.changeVerbRead.of).toBe(5);
    const flagged = await run([FIXTURES, '--flags']);
    const lines = flagged.stderr.split('\n').filter(Boolean);
    expect(lines.filter((l) => l.startsWith('readVerbAlarm\t'))).toHaveLength(labelFree.readVerbAlarm.count);
    expect(lines.filter((l) => l.startsWith('changeVerbRead\t'))).toHaveLength(labelFree.changeVerbRead.count);
  }, 60_000);

  it('--labels reports agreement with intervals, matching tools by a hash of their name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-labels-'));
    try {
      const hash = (name: string) => createHash('sha256').update(name).digest('hex').slice(0, 16);
      const labels = [
        { file: 'notes.json', tool: hash('list_notes'), category: 'read', readOnly: true, level: 'low' },
        { file: 'notes.json', tool: hash('delete_note'), category: 'destructive', readOnly: false, level: 'high' },
        { file: 'notes.json', tool: hash('no_such_tool'), category: 'read', readOnly: true, level: 'low' },
      ];
      writeFileSync(join(dir, 'labels.json'), JSON.stringify({ labels }));
      const { code, stdout } = await run([join(FIXTURES, 'notes.json'), '--labels', join(dir, 'labels.json')]);
      expect(code).toBe(0);
      expect(stdout).toContain('blind labels: 2 tools (1 labels name tools not found)');
      expect(stdout).toMatch(/^same category +100\.0% \(2 of 2; 95% CI [\d.]+–100\.0%\)$/m);
      expect(stdout).toMatch(/^writes rated read +0\.0% \(0 of 1;/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
