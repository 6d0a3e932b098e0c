/**
 * Memory a build needs, as the sum of its processes at the build's worst moment, from the bench's
 * samples of the whole process tree on 2 cores (sixth session): 1.25 GB at 10,000 tools and
 * 2.40 GB at 50,000 (one page process beside the search index), 4.9 GB at 250,000 (two page
 * processes, the index written after them). A catalog the machine cannot hold even in the build's
 * leanest shape is refused before the build starts, instead of ending in a crash twenty minutes in.
 */

/** An Astro page process: its start-up, then the catalog's listings (2.2-2.8 GB at 250,000 tools). */
const PAGE_PROCESS_BASE_MB = 600;
const PAGE_PROCESS_MB_PER_TOOL = 0.009;
/**
 * V8 lets a heap grow by up to 100% of what survived its last full collection before the next:
 * a page process holding ~300 MB live at 50,000 tools peaked at 1.47 GB. On a build large for its
 * machine the page processes collect at 30% instead (250,000 tools on 24 GB: the tree's peak
 * 7.3 -> 5.1 GB, the build 880 -> 945 s, a page process 1.6 GB); a smaller build keeps V8's
 * default and its speed.
 */
const TIGHT_HEAP_GROWING_PERCENT = 30;
const TIGHT_PAGE_PROCESS_MB_PER_TOOL = 0.0053;
/** The search index while its documents are added: the feeder and Pagefind, 1.6 GB at 250,000 tools. */
const SEARCH_ADDING_MB_PER_TOOL = 0.0064;
/** Pagefind holds its whole index while it writes it: 3.9 GB at 250,000 tools. */
const SEARCH_WRITING_BASE_MB = 500;
const SEARCH_WRITING_MB_PER_TOOL = 0.0156;
/** The command line that runs the build. */
const CLI_MB = 100;
/** Room for catalogs whose texts are longer than the bench's. */
const MARGIN = 1.2;
/** Share of the machine's memory a build may plan to use. */
const USABLE_SHARE = 0.85;
/**
 * A build that, with its search index written beside the pages, would need more than this share of
 * the machine writes the index after the pages instead (at 250,000 tools on 24 GB: ~2 GB less at
 * the peak, ~2 minutes more), and its page processes collect sooner.
 */
const SEARCH_BESIDE_PAGES_SHARE = 0.25;
/** Share of the machine's memory the page processes together may hold. */
const PAGES_PROCESSES_SHARE = 0.25;
/**
 * Astro renders on one core, so a large build renders in one process per core (see renderers.ts),
 * but for the core the search index takes when it is made beside the pages. Below a few thousand
 * tools a second process's start-up costs more than it saves.
 */
const PARALLEL_PAGES_MIN_TOOLS = 5_000;
const MAX_PAGE_PROCESSES = 64;

export interface BuildBudget {
  /** Peak memory of the whole build as planned (all its processes at once). */
  estimatedMB: number;
  /** V8 heap limit to give each Astro process: room for its share, within the machine. */
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

const pageProcessMB = (tools: number, tight: boolean) => PAGE_PROCESS_BASE_MB + (tight ? TIGHT_PAGE_PROCESS_MB_PER_TOOL : PAGE_PROCESS_MB_PER_TOOL) * tools;
const searchWritingMB = (tools: number) => SEARCH_WRITING_BASE_MB + SEARCH_WRITING_MB_PER_TOOL * tools;

/** The index written beside the pages: every process at its largest at once. */
function besidePeakMB(tools: number, processes: number): number {
  return MARGIN * (processes * pageProcessMB(tools, false) + searchWritingMB(tools) + CLI_MB);
}

/** The index written after the pages: the larger of the pages' phase and the index's writing. */
function afterPeakMB(tools: number, processes: number): number {
  return MARGIN * (Math.max(processes * pageProcessMB(tools, true) + SEARCH_ADDING_MB_PER_TOOL * tools, searchWritingMB(tools)) + CLI_MB);
}

/** The most tools whose leanest build fits in `usableMB`. */
function toolsThatFit(usableMB: number): number {
  let low = 0;
  let high = 1;
  while (afterPeakMB(high, 1) <= usableMB) high *= 2;
  while (high - low > 1000) {
    const middle = Math.floor((low + high) / 2);
    if (afterPeakMB(middle, 1) <= usableMB) low = middle;
    else high = middle;
  }
  return low;
}

export function buildBudget(tools: number, totalMemoryMB: number, cores = 1): BuildBudget {
  const usableMB = Math.floor(totalMemoryMB * USABLE_SHARE);
  const searchAfterPages = besidePeakMB(tools, 1) > totalMemoryMB * SEARCH_BESIDE_PAGES_SHARE;
  // A search index made beside the pages keeps a core of its own: at 10k and 50k tools on 2 cores,
  // two Astro processes beside Pagefind made cold builds and rebuilds slower (50k: 174 s, not 140 s).
  const coresForPages = searchAfterPages ? Math.floor(cores) : Math.floor(cores) - 1;
  const memoryHolds = Math.floor((totalMemoryMB * PAGES_PROCESSES_SHARE) / pageProcessMB(tools, searchAfterPages));
  let pageProcesses = tools < PARALLEL_PAGES_MIN_TOOLS ? 1 : Math.max(1, Math.min(coresForPages, MAX_PAGE_PROCESSES, memoryHolds));
  const peakMB = (processes: number) => (searchAfterPages ? afterPeakMB(tools, processes) : besidePeakMB(tools, processes));
  while (pageProcesses > 1 && peakMB(pageProcesses) > usableMB) pageProcesses--;
  const estimatedMB = Math.round(peakMB(pageProcesses));
  const heapLimitMB = Math.min(usableMB, Math.max(4096, Math.round(2 * pageProcessMB(tools, false))));
  const heapGrowing = searchAfterPages ? { heapGrowingPercent: TIGHT_HEAP_GROWING_PERCENT } : {};
  const plan = { estimatedMB, heapLimitMB, searchAfterPages, pageProcesses, ...heapGrowing };
  if (estimatedMB <= usableMB) return { ...plan, fits: true };
  const leanestMB = Math.round(afterPeakMB(tools, 1));
  return {
    ...plan,
    fits: false,
    message: `a catalog of ${tools} tools needs about ${(leanestMB / 1024).toFixed(1)} GB of memory to build, and this machine has ${(totalMemoryMB / 1024).toFixed(1)} GB (about ${toolsThatFit(usableMB)} tools fit); build on a larger machine or split the catalog into several sites`,
  };
}
