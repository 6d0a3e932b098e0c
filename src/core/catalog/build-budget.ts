/**
 * Memory a build needs, from the bench's measurements (peak RSS on 2 cores: 996 MB at 10,000 tools,
 * 2,752 MB at 50,000): about 560 MB plus 44 KB per tool. A catalog the machine cannot hold is
 * refused before the build starts, instead of ending in a heap crash twenty minutes in.
 */
const BASE_MB = 560;
const MB_PER_TOOL = 0.044;
/** Share of the machine's memory a build may plan to use. */
const USABLE_SHARE = 0.85;
/**
 * Pagefind holds its whole index in memory while it writes it (3.9 GB at 250,000 tools, more than
 * the pages' process). A build that needs more than this share of the machine writes the index
 * after the pages instead of beside them: at 250,000 tools on 24 GB, ~90 s more for ~2.4 GB less.
 */
const SEARCH_BESIDE_PAGES_SHARE = 0.25;
/**
 * V8 lets a heap grow by up to 100% of what survived its last full collection before the next:
 * a page process holding ~300 MB live at 50,000 tools peaked at 1.47 GB. On a build large for its
 * machine the page processes collect at 30% instead (250,000 tools on 24 GB: the tree's peak
 * 7.3 -> 5.1 GB, the build 880 -> 945 s); a smaller build keeps V8's default and its speed.
 */
const TIGHT_HEAP_GROWING_PERCENT = 30;

/**
 * Astro renders on one core, so a large build renders in one process per core (see page-parts.ts),
 * but for the core the search index takes when it is made beside the pages. Each process holds the
 * catalog's listings: ~2.2 GB at 250,000 tools. Below a few thousand tools a second process's
 * start-up costs more than it saves.
 */
const PAGES_PROCESS_BASE_MB = 300;
const PAGES_PROCESS_MB_PER_TOOL = 0.009;
const PARALLEL_PAGES_MIN_TOOLS = 5_000;
/** Share of the machine's memory the page processes together may hold. */
const PAGES_PROCESSES_SHARE = 0.25;

export interface BuildBudget {
  estimatedMB: number;
  /** V8 heap limit to give the Astro process: room for the estimate, within the machine. */
  heapLimitMB: number;
  fits: boolean;
  /** Whether the search index waits for the pages before it writes its files (see above). */
  searchAfterPages: boolean;
  /** Astro processes rendering pages at once: one per core, as memory allows. */
  pageProcesses: number;
  /** How far a page process's heap may grow between full collections (V8's --heap-growing-percent), when not V8's default. */
  heapGrowingPercent?: number;
  message?: string;
}

export function buildBudget(tools: number, totalMemoryMB: number, cores = 1): BuildBudget {
  const estimatedMB = Math.round(BASE_MB + MB_PER_TOOL * tools);
  const usableMB = Math.floor(totalMemoryMB * USABLE_SHARE);
  const heapLimitMB = Math.min(usableMB, Math.max(4096, Math.round(estimatedMB * 1.5)));
  const searchAfterPages = estimatedMB > totalMemoryMB * SEARCH_BESIDE_PAGES_SHARE;
  // A search index made beside the pages keeps a core of its own: at 10k and 50k tools on 2 cores,
  // two Astro processes beside Pagefind made cold builds and rebuilds slower (50k: 174 s, not 140 s).
  const coresForPages = searchAfterPages ? Math.floor(cores) : Math.floor(cores) - 1;
  const memoryHolds = Math.floor((totalMemoryMB * PAGES_PROCESSES_SHARE) / (PAGES_PROCESS_BASE_MB + PAGES_PROCESS_MB_PER_TOOL * tools));
  const pageProcesses = tools < PARALLEL_PAGES_MIN_TOOLS ? 1 : Math.max(1, Math.min(coresForPages, 64, memoryHolds));
  const heapGrowing = searchAfterPages ? { heapGrowingPercent: TIGHT_HEAP_GROWING_PERCENT } : {};
  if (estimatedMB <= usableMB) return { estimatedMB, heapLimitMB, fits: true, searchAfterPages, pageProcesses, ...heapGrowing };
  const maxTools = Math.floor((usableMB - BASE_MB) / MB_PER_TOOL);
  return {
    estimatedMB,
    heapLimitMB,
    fits: false,
    searchAfterPages,
    pageProcesses,
    ...heapGrowing,
    message: `a catalog of ${tools} tools needs about ${(estimatedMB / 1024).toFixed(1)} GB of memory to build, and this machine has ${(totalMemoryMB / 1024).toFixed(1)} GB (about ${maxTools} tools fit); build on a larger machine or split the catalog into several sites`,
  };
}
