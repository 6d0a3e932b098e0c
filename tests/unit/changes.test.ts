import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';
import { recentChanges, toolHistory } from '../../src/core/history/catalog-changes.ts';
import type { Tool } from '../../src/core/schema/server.ts';
import { catalogOf } from '../support/small-catalog.ts';

const dated = (name: string, firstSeen?: string, lastChanged?: string): Tool => ({
  name,
  description: `Does ${name}.`,
  ...(firstSeen ? { firstSeen } : {}),
  ...(lastChanged ? { lastChanged } : {}),
});
const serverOf = (tools: Tool[]) => catalogOf({ s: { name: 'S', tools } }).servers[0]!;

describe('toolHistory', () => {
  it.each<[string, Tool, ReturnType<typeof toolHistory>]>([
    ['no dates (not imported)', dated('a'), {}],
    ['first seen only', dated('a', '2025-01-02'), { firstSeen: '2025-01-02' }],
    ['changed the day it was first seen: not a change', dated('a', '2025-01-02', '2025-01-02'), { firstSeen: '2025-01-02' }],
    ['changed later', dated('a', '2025-01-02', '2025-03-04'), { firstSeen: '2025-01-02', changedOn: '2025-03-04' }],
    ['a change date without a first-seen date', dated('a', undefined, '2025-03-04'), { changedOn: '2025-03-04' }],
  ])('%s', (_label, definition, expected) => {
    expect(toolHistory(loadDefinition(serverOf([definition]).tools[0]!).definition)).toEqual(expected);
  });
});

describe('recentChanges', () => {
  const server = serverOf([
    dated('old_change', '2024-01-01', '2024-06-01'),
    dated('never_changed', '2024-01-01', '2024-01-01'),
    dated('newest_change', '2024-01-01', '2025-02-01'),
    dated('undated'),
    dated('middle_change', '2024-03-01', '2024-09-15'),
  ]);
  const names = (max?: number) => recentChanges(server, max).map(({ tool }) => tool.name);

  it('lists only the tools changed after they were first seen, newest change first', () => {
    expect(names()).toEqual(['newest_change', 'middle_change', 'old_change']);
  });

  it('keeps at most `max`, the newest', () => {
    expect(names(2)).toEqual(['newest_change', 'middle_change']);
  });

  it('keeps ten by default', () => {
    const many = serverOf(Array.from({ length: 12 }, (_, i) => dated(`t${i}`, '2024-01-01', `2024-02-${String(i + 10).padStart(2, '0')}`)));
    expect(recentChanges(many).map(({ tool, changedOn }) => [changedOn, loadDefinition(tool).definition.lastChanged])).toEqual(
      Array.from({ length: 10 }, (_, i) => [`2024-02-${21 - i}`, `2024-02-${21 - i}`]),
    );
  });
});
