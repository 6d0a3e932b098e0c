import { describe, expect, it } from 'vitest';
import { describeEffect } from '../../src/core/classify/evidence.ts';
import { levelFor, type LevelInput } from '../../src/core/classify/steps/level-table.ts';
import type { Level } from '../../src/core/risk.ts';

// A confident tool with nothing that moves its level: each row sets only what it is about.
const input = (over: Partial<LevelInput>): LevelInput => ({
  category: 'other',
  signals: [],
  nameWords: ['frob', 'widget'],
  destructiveHint: false,
  executing: [],
  saysReadOnly: false,
  movesMoney: false,
  firstVerb: undefined,
  lowConfidence: false,
  ...over,
});

type Row = [what: string, over: Partial<LevelInput>, level: Level, evidence?: [source: string, effect: string, detail: string][]];

describe('levelFor: the level table', () => {
  it.each<Row>([
    ['a read', { category: 'read' }, 'low'],
    ['a read of credentials', { category: 'read', signals: ['credentials'] }, 'medium'],
    ['a read of money', { category: 'read', signals: ['money'] }, 'medium'],
    ['a read that fetches URLs', { category: 'read', signals: ['fetches-url'] }, 'medium'],
    ['a read that sends (not a read signal)', { category: 'read', signals: ['sends-external'] }, 'low'],
    ['a write', { category: 'write' }, 'medium'],
    ['a write in bulk', { category: 'write', signals: ['bulk'] }, 'high'],
    ['a write that sends', { category: 'write', signals: ['sends-external'] }, 'high'],
    ['a write the server marks destructive', { category: 'write', destructiveHint: true }, 'high'],
    ['a write of permissions', { category: 'write', signals: ['permissions'], nameWords: ['set', 'role'] }, 'high'],
    ['a write that grants permissions', { category: 'write', signals: ['permissions'], nameWords: ['grant', 'role'] }, 'critical'],
    ['a granting word without permissions', { category: 'write', nameWords: ['grant', 'badge'] }, 'medium'],
    ['a removal', { category: 'destructive' }, 'high'],
    ['a removal in bulk', { category: 'destructive', signals: ['bulk'] }, 'critical'],
    [
      'a removal of infrastructure',
      { category: 'destructive', nameWords: ['delete', 'cluster'] },
      'critical',
      [['name', 'level critical', 'removes “cluster”, infrastructure-scale']],
    ],
    ['code run from a parameter', { category: 'execute', executing: ['code-eval'] }, 'critical'],
    ['a shell word in the name', { category: 'execute', nameWords: ['bash', 'tool'] }, 'critical'],
    ['an execute with nothing run in sight', { category: 'execute' }, 'high'],
    ['a predefined job', { category: 'execute', nameWords: ['run', 'pipeline'] }, 'high', [['name', 'level high', 'runs a predefined job']]],
    [
      'read-only SQL',
      { category: 'execute', executing: ['raw-sql'], saysReadOnly: true },
      'high',
      [['description', 'level high (it still reads every table it can reach)', 'SQL said to run read-only']],
    ],
    [
      'read-only SQL in a job',
      { category: 'execute', executing: ['raw-sql'], saysReadOnly: true, nameWords: ['run', 'job'] },
      'high',
      [
        ['description', 'level high (it still reads every table it can reach)', 'SQL said to run read-only'],
        ['name', 'level high', 'runs a predefined job'],
      ],
    ],
    ['"read-only" beside a shell', { category: 'execute', executing: ['raw-sql', 'shell-command'], saysReadOnly: true, nameWords: ['run', 'job'] }, 'critical'],
    ['SQL not said read-only', { category: 'execute', executing: ['raw-sql'] }, 'critical'],
    ['money moved by a write verb', { category: 'financial', movesMoney: true, firstVerb: 'write' }, 'critical'],
    ['money moved, first read as a removal', { category: 'financial', movesMoney: true, firstVerb: 'destructive' }, 'high'],
    ['money moved, no verb read', { category: 'financial', movesMoney: true }, 'high'],
    ['money looked at', { category: 'financial', firstVerb: 'write' }, 'high'],
    ['an unknown action, confidently', { category: 'other' }, 'low'],
    ['an unknown action on thin evidence', { category: 'other', lowConfidence: true }, 'medium'],
    ['an unknown action with a signal', { category: 'other', signals: ['filesystem-path'] }, 'medium'],
    ['a poisoned read', { category: 'read', signals: ['suspicious-description'] }, 'critical'],
    [
      'a poisoned job keeps its evidence',
      { category: 'execute', signals: ['suspicious-description'], nameWords: ['run', 'job'] },
      'critical',
      [['name', 'level high', 'runs a predefined job']],
    ],
  ])('%s', (_what, over, level, evidence = []) => {
    const found = levelFor(input(over));
    expect(found.level).toBe(level);
    expect(found.evidence.map((e) => [e.source, describeEffect(e), e.detail])).toEqual(evidence);
  });
});
