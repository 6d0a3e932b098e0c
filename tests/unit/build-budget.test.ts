import { describe, expect, it } from 'vitest';
import { buildBudget } from '../../src/build/build-budget.ts';

describe('buildBudget', () => {
  it.each([
    [150, 8192, true],
    [50_000, 24_576, true],
    [50_000, 1024, false],
    [250_000, 8192, true],
    [2_000_000, 24_576, false],
  ])('%i tools on %i MB: fits %s', (tools, memory, fits) => {
    const budget = buildBudget(tools, memory);
    expect(budget.fits).toBe(fits);
    expect(budget.heapLimitMB).toBeLessThanOrEqual(memory);
    if (!fits) expect(budget.message).toMatch(/needs about [\d.]+ GB of memory to build, and this machine has [\d.]+ GB \(about \d+ tools fit\)/);
  });

  it('estimates the whole tree at or above what the bench sampled, within twice of it', () => {
    // Tree peaks sampled by the bench on 2 cores and 24 GB (sixth session).
    for (const [tools, sampledMB] of [
      [10_000, 1250],
      [50_000, 2400],
      [250_000, 4860],
    ] as const) {
      const { estimatedMB } = buildBudget(tools, 24_576, 2);
      expect(estimatedMB).toBeGreaterThanOrEqual(sampledMB);
      expect(estimatedMB).toBeLessThan(2 * sampledMB);
    }
  });

  it('refuses only a catalog that its leanest build would not hold, and says how much would fit', () => {
    // 250,000 tools on 8 GB: one page process, the index written after it.
    expect(buildBudget(250_000, 8192, 2)).toMatchObject({ fits: true, pageProcesses: 1, searchAfterPages: true });
    const refused = buildBudget(2_000_000, 24_576, 2);
    const fit = Number(/about (\d+) tools fit/.exec(refused.message ?? '')?.[1]);
    expect(buildBudget(fit, 24_576, 2).fits).toBe(true);
    expect(buildBudget(fit + 5_000, 24_576, 2).fits).toBe(false);
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

  it("lets page processes' heaps grow less between collections only when the build is large for the machine", () => {
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
    expect(buildBudget(250_000, 24_576, 8).pageProcesses).toBe(3);
    expect(buildBudget(250_000, 8192, 2).pageProcesses).toBe(1);
    expect(buildBudget(50_000, 65_536, 128).pageProcesses).toBeLessThanOrEqual(64);
  });
});
