import { describe, expect, it } from 'vitest';
import { buildBudget } from '../../src/core/catalog/build-budget.ts';

describe('buildBudget', () => {
  it.each([
    [150, 8192, true],
    [50_000, 24_576, true],
    [50_000, 2048, false],
    [1_000_000, 24_576, false],
  ])('%i tools on %i MB: fits %s', (tools, memory, fits) => {
    const budget = buildBudget(tools, memory);
    expect(budget.fits).toBe(fits);
    expect(budget.heapLimitMB).toBeLessThanOrEqual(memory);
    if (!fits) expect(budget.message).toMatch(/needs about [\d.]+ GB of memory to build, and this machine has [\d.]+ GB \(about \d+ tools fit\)/);
  });

  it('grows with the catalog and never gives the heap less than 4 GB where the machine has it', () => {
    expect(buildBudget(50_000, 24_576).estimatedMB).toBeGreaterThan(buildBudget(10_000, 24_576).estimatedMB);
    expect(buildBudget(100, 24_576).heapLimitMB).toBe(4096);
  });

  it('writes the search index after the pages only when the build is large for the machine', () => {
    expect(buildBudget(150, 8192).searchAfterPages).toBe(false);
    expect(buildBudget(50_000, 24_576).searchAfterPages).toBe(false);
    expect(buildBudget(250_000, 24_576).searchAfterPages).toBe(true);
    expect(buildBudget(50_000, 8192).searchAfterPages).toBe(true);
  });

  it('lets page processes\' heaps grow less between collections only when the build is large for the machine', () => {
    expect(buildBudget(50_000, 24_576).heapGrowingPercent).toBeUndefined();
    expect(buildBudget(250_000, 24_576).heapGrowingPercent).toBe(30);
    expect(buildBudget(50_000, 8192).heapGrowingPercent).toBe(30);
  });

  it('renders a large catalog in one process per core, as far as a quarter of the memory holds them', () => {
    expect(buildBudget(150, 24_576, 2).pageProcesses).toBe(1);
    expect(buildBudget(10_000, 24_576, 1).pageProcesses).toBe(1);
    // The search index is made beside these pages: it keeps a core.
    expect(buildBudget(10_000, 24_576, 2).pageProcesses).toBe(1);
    expect(buildBudget(50_000, 24_576, 4).pageProcesses).toBe(3);
    expect(buildBudget(250_000, 24_576, 2).pageProcesses).toBe(2);
    expect(buildBudget(250_000, 24_576, 8).pageProcesses).toBe(2);
    expect(buildBudget(250_000, 8192, 2).pageProcesses).toBe(1);
    expect(buildBudget(50_000, 65_536, 128).pageProcesses).toBeLessThanOrEqual(64);
  });
});
