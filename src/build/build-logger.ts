import type { CommandIO } from '../cli/io.ts';

export interface BuildLoggerOptions {
  /** How its lines begin: `policy-atlas`, `policy-atlas merge`. */
  name?: string;
  /** Warnings and errors only: no information, no progress. */
  quiet?: boolean;
  now?: () => number;
  /** A log (not a terminal) gets a progress line this often. */
  intervalMs?: number;
}

const formatDuration = (ms: number) => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return seconds >= 60 ? `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s` : `${seconds}s`;
};

/** A terminal's progress line is redrawn at most this often. */
const REDRAW_MS = 200;

/**
 * Everything a build says, to its command's IO: information, warnings and errors, each line
 * beginning with the command's name, what its page processes say (Astro's warnings and errors),
 * and the progress of the pages (phase, pages done of about how many, rate, time left), redrawn in
 * place on a terminal and a line every few seconds in a log.
 */
export class BuildLogger {
  private readonly io: Pick<CommandIO, 'out' | 'err' | 'interactive'>;
  private readonly name: string;
  private readonly quiet: boolean;
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly started: number;
  private pages = 0;
  private expectedPages = 0;
  private renderStarted?: number;
  private lastReport = Number.NEGATIVE_INFINITY;
  private drawn = false;

  constructor(io: Pick<CommandIO, 'out' | 'err' | 'interactive'>, options: BuildLoggerOptions = {}) {
    this.io = io;
    this.name = options.name ?? 'policy-atlas';
    this.quiet = options.quiet ?? false;
    this.now = options.now ?? (() => performance.now());
    this.intervalMs = options.intervalMs ?? 5000;
    this.started = this.now();
  }

  /** The same output under another name (`policy-atlas merge`). */
  named(name: string): BuildLogger {
    return new BuildLogger(this.io, { name, quiet: this.quiet, now: this.now, intervalMs: this.intervalMs });
  }

  /** A message, then lines that go with it as they are (a list, indented by the caller). */
  info(message: string, ...details: string[]): void {
    if (!this.quiet) this.write('out', [`${this.name}: ${message}`, ...details]);
  }

  warn(message: string, ...details: string[]): void {
    this.write('err', [`${this.name}: ${message}`, ...details]);
  }

  error(message: string, ...details: string[]): void {
    this.write('err', [`${this.name}: ${message}`, ...details]);
  }

  /** A line a page process wrote (Astro's warnings and errors), as it is. */
  relay(line: string, stream: 'out' | 'err'): void {
    if (!line.trim() || (this.quiet && stream === 'out')) return;
    this.write(stream, [line]);
  }

  /** About how many pages the build renders: an estimate, until the plan says. */
  expectPages(pages: number): void {
    this.expectedPages = pages;
  }

  /** Pages the build's page processes have rendered so far, together. */
  pagesRendered(pages: number): void {
    if (pages > this.pages && this.renderStarted === undefined) this.renderStarted = this.now();
    this.pages = pages;
    this.report();
  }

  /** Ends the progress line; the pages rendered. */
  finishProgress(): number {
    this.clear();
    return this.pages;
  }

  /** The progress now: `rendering pages: 12,000 of ~520,000 pages, 850/s, about 9m58s left, 14s in`. */
  status(): string {
    const expected = Math.max(this.expectedPages, this.pages);
    const elapsed = this.renderStarted === undefined ? 0 : this.now() - this.renderStarted;
    const rate = elapsed > 0 ? (this.pages / elapsed) * 1000 : 0;
    const left = rate > 0 ? ` about ${formatDuration(((expected - this.pages) / rate) * 1000)} left,` : '';
    const phase = this.renderStarted === undefined ? 'preparing' : 'rendering pages';
    const counts = `${this.pages.toLocaleString('en')} of ~${expected.toLocaleString('en')} pages`;
    return `${phase}: ${counts}, ${Math.round(rate)}/s,${left} ${formatDuration(this.now() - this.started)} in`;
  }

  private report(): void {
    if (this.quiet) return;
    const at = this.now();
    if (at - this.lastReport < (this.io.interactive ? REDRAW_MS : this.intervalMs)) return;
    this.lastReport = at;
    if (this.io.interactive) {
      this.io.out(`\r\x1b[2K${this.status()}`);
      this.drawn = true;
    } else {
      this.io.out(`${this.name}: ${this.status()}\n`);
    }
  }

  private write(stream: 'out' | 'err', lines: string[]): void {
    this.clear();
    this.io[stream](`${lines.join('\n')}\n`);
  }

  private clear(): void {
    if (!this.drawn) return;
    this.io.out('\r\x1b[2K');
    this.drawn = false;
  }
}
