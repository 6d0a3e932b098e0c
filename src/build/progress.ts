/**
 * Astro prints a line per page: 267,644 lines at 250k tools. The build shows progress instead (phase,
 * pages done of about how many, rate, time left), redrawn in place on a terminal and as a line every
 * few seconds in logs; every other line (warnings, errors, phases) passes through whole.
 */

const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;
// `12:00:01   ├─ /servers/x/y/index.html (+8ms)`; with several pages in flight Astro splits the
// start and the `(+8ms)` of one page across lines, so both halves count as page output.
const PAGE_PATH = /[├└]─ (\S+)/g;
const TIMING_ONLY = /^\s*(?:\(\+\d+(?:\.\d+)?m?s\)\s*)+$/;

export interface ProgressOptions {
  /** About how many pages the build will write, until the pages' process says what it renders. */
  expectedPages: number;
  /** Pages for a plan line's servers and tools (see `planLine`): a rebuild renders only what changed. */
  pagesFor?: (servers: number, tools: number) => number;
  /** A terminal gets one line redrawn in place; a log gets a line every `intervalMs`. */
  interactive: boolean;
  write: (text: string) => void;
  now?: () => number;
  intervalMs?: number;
}

const formatDuration = (ms: number) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
};

const PLAN_LINE = /^policy-atlas: pages to render: ([\d,]+) of [\d,]+ servers \(([\d,]+) tools?\)/;
const count = (n: number) => n.toLocaleString('en');

/** What the pages' process prints once it knows which servers' pages it renders; the progress reads it. */
export const planLine = (servers: number, of: number, tools: number): string =>
  `policy-atlas: pages to render: ${count(servers)} of ${count(of)} servers (${count(tools)} tool${tools === 1 ? '' : 's'})${servers < of ? '; the others are unchanged or in other shards' : ''}`;

export class BuildProgress {
  private pages = 0;
  private expectedPages: number;
  private phase = 'preparing';
  private readonly started: number;
  private renderStarted?: number;
  private lastReport = Number.NEGATIVE_INFINITY;
  private drawn = false;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly options: ProgressOptions;

  constructor(options: ProgressOptions) {
    this.options = options;
    this.expectedPages = options.expectedPages;
    this.now = options.now ?? (() => performance.now());
    this.intervalMs = options.intervalMs ?? 5000;
    this.started = this.now();
  }

  /** One line of Astro's output: counted when it is page output, else printed whole with `print`. */
  line(raw: string, print: (text: string) => void = this.options.write): void {
    if (this.countPages(raw)) return;
    const plain = raw.replace(ANSI, '');
    if (!plain.trim() || /^\s*generating static routes\s*$/.test(plain)) return;
    const plan = PLAN_LINE.exec(plain.trim());
    if (plan && this.options.pagesFor) this.expectedPages = this.options.pagesFor(Number(plan[1]!.replace(/,/g, '')), Number(plan[2]!.replace(/,/g, '')));
    if (/\[[\w-]*pagefind[\w-]*\]/.test(plain) || /sitemap/.test(plain)) this.phase = 'indexing and finishing';
    this.clear();
    print(`${raw}\n`);
  }

  /**
   * Counts a line of page output (true), or leaves any other line to the caller (false). Given
   * `counted`, only pages whose path it matches count (the build's other page processes also
   * write the few static pages, which the build does not keep).
   */
  countPages(raw: string, counted?: RegExp): boolean {
    const plain = raw.replace(ANSI, '');
    const paths = [...plain.matchAll(PAGE_PATH)].map((match) => match[1]!);
    if (paths.length === 0 && !TIMING_ONLY.test(plain)) return false;
    const marks = counted ? paths.filter((path) => counted.test(path)).length : paths.length;
    if (marks > 0 && this.renderStarted === undefined) {
      this.renderStarted = this.now();
      this.phase = 'rendering pages';
    }
    this.pages += marks;
    this.report(false);
    return true;
  }

  /** The progress text now: `rendering pages: 12,000 of ~520,000 pages, 850/s, about 9m58s left`. */
  status(): string {
    const expected = Math.max(this.expectedPages, this.pages);
    const elapsed = this.renderStarted === undefined ? 0 : this.now() - this.renderStarted;
    const rate = elapsed > 0 ? (this.pages / elapsed) * 1000 : 0;
    const left = rate > 0 ? ` about ${formatDuration(((expected - this.pages) / rate) * 1000)} left,` : '';
    const counts = `${this.pages.toLocaleString('en')} of ~${expected.toLocaleString('en')} pages`;
    return `${this.phase}: ${counts}, ${Math.round(rate)}/s,${left} ${formatDuration(this.now() - this.started)} in`;
  }

  private report(force: boolean): void {
    const at = this.now();
    if (!force && at - this.lastReport < (this.options.interactive ? 200 : this.intervalMs)) return;
    this.lastReport = at;
    if (this.options.interactive) {
      this.options.write(`\r\x1b[2K${this.status()}`);
      this.drawn = true;
    } else {
      this.options.write(`policy-atlas: ${this.status()}\n`);
    }
  }

  private clear(): void {
    if (!this.drawn) return;
    this.options.write('\r\x1b[2K');
    this.drawn = false;
  }

  /** Ends the progress display with the final figures. */
  finish(): number {
    this.clear();
    return this.pages;
  }
}
