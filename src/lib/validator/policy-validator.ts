import './zod-jitless.ts';
import { tooLargeProblem, utf8Exceeds, validatePolicyText, type Problem, type ValidationResult } from '../../core/policy/validate.ts';
import { needsLinearRegexEngine } from '../../core/policy/conditions.ts';
import { linearRegexEngine, useLinearRegexEngine } from '../../core/policy/regex-linear.ts';
import { alignedStart, simulateCalls, summarizeSimulation } from '../../core/policy/simulate.ts';
import { MAX_SHOWN_CALLS, showSimulatedCalls } from './simulation-rows.ts';

const FRAGMENT_KEY = 'policy=';
const MAX_SIMULATED_CALLS = 10_000;
/**
 * The most the page takes (the CLI takes 5 MB). A browser lays out a textarea's text in one task,
 * about 1.5 ms per KB in CI's Chromium, and the checks grow with the text: a bigger paste or link
 * would freeze the page. Server policies of the largest servers known are under 100 KB.
 */
export const EDITOR_MAX_BYTES = 256 * 1024;
const tooLargeForPage = (): ValidationResult => ({
  ok: false,
  problems: [
    tooLargeProblem(
      EDITOR_MAX_BYTES,
      'the most this page checks',
      'a policy is usually a few kilobytes; check a larger file with npx policy-atlas validate policy.json',
    ),
  ],
});

/** The /policy/ island: live validation of a pasted policy, and a call simulator over it. */
export class PolicyValidator extends HTMLElement {
  private knownToolNames?: string[];
  /** The latest validation of the editor's text, with that text: Simulate checks it is still current. */
  private validated?: { text: string; result: ValidationResult };
  private pending?: ReturnType<typeof setTimeout>;
  /** Set while a refused paste, drop or link is what the summary reports, until the user edits. */
  private refused = false;
  private stopRows?: () => void;
  /** Counts simulations, so one that waited for the regex engine does not show over a newer one. */
  private simulation = 0;

  private find<T extends Element>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  connectedCallback() {
    const editor = this.find<HTMLTextAreaElement>('[data-editor]');
    this.find<HTMLElement>('[data-live]').hidden = false;
    const fragment = location.hash.startsWith(`#${FRAGMENT_KEY}`) ? location.hash.slice(FRAGMENT_KEY.length + 1) : undefined;
    const fromFragment = fragment === undefined ? undefined : this.decodeFragment(fragment);
    if (fromFragment === null) {
      editor.value = '';
      this.refuse('The policy in the link was not loaded: ');
    } else if (fromFragment !== undefined) editor.value = fromFragment;
    editor.addEventListener('input', () => {
      this.refused = false;
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.validate(), 150);
    });
    // A huge paste or drop would freeze the page while the browser lays out the text: refuse it before it lands.
    const refuseHuge = (event: ClipboardEvent | DragEvent) => {
      const data = event instanceof ClipboardEvent ? event.clipboardData : event.dataTransfer;
      if (!utf8Exceeds(data?.getData('text') ?? '', EDITOR_MAX_BYTES)) return;
      event.preventDefault();
      this.refuse(event instanceof ClipboardEvent ? 'Nothing was pasted: ' : 'Nothing was dropped: ');
    };
    editor.addEventListener('paste', refuseHuge);
    editor.addEventListener('drop', refuseHuge);
    this.find('[data-problems]').addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-line]');
      if (button) this.jumpTo(Number(button.dataset.line), Number(button.dataset.column));
    });
    this.find('[data-simulate]').addEventListener('submit', (event) => {
      event.preventDefault();
      void this.simulate();
    });
    if (!this.refused) this.validate();
    void this.loadToolNames();
  }

  /** The policy a link carries, pretty-printed; null when it is too large for the page, undefined when it does not decode. */
  private decodeFragment(encoded: string): string | null | undefined {
    // Each byte encodes as at most three characters: a longer fragment cannot fit.
    if (encoded.length > 3 * EDITOR_MAX_BYTES) return null;
    let text: string;
    try {
      text = decodeURIComponent(encoded);
    } catch {
      return undefined;
    }
    // Pretty-print what arrives compact; leave anything unparsable as it came, for the validator to report.
    try {
      text = JSON.stringify(JSON.parse(text), null, 2);
    } catch {
      // as it came
    }
    return utf8Exceeds(text, EDITOR_MAX_BYTES) ? null : text;
  }

  private refuse(prefix: string) {
    this.refused = true;
    this.showResult(tooLargeForPage(), prefix);
  }

  private async loadToolNames() {
    try {
      const response = await fetch(this.dataset.namesUrl!);
      if (!response.ok) return;
      this.knownToolNames = (await response.json()) as string[];
      const list = this.find<HTMLDataListElement>('datalist');
      list.replaceChildren(...this.knownToolNames.slice(0, 5000).map((name) => Object.assign(document.createElement('option'), { value: name })));
      // Keep a refusal's message in view until the user edits again.
      if (!this.refused) this.validate();
    } catch {
      // Without the list the catalog lint is skipped; syntax and schema checks still run.
    }
  }

  private validate(): ValidationResult {
    clearTimeout(this.pending);
    const text = this.find<HTMLTextAreaElement>('[data-editor]').value;
    const result = utf8Exceeds(text, EDITOR_MAX_BYTES)
      ? tooLargeForPage()
      : validatePolicyText(text, this.knownToolNames ? { knownToolNames: this.knownToolNames } : {});
    this.validated = { text, result };
    this.showResult(result);
    return result;
  }

  /** The result for the editor's text now: while the debounce is pending, the last one is for older text. */
  private currentResult(): ValidationResult {
    const text = this.find<HTMLTextAreaElement>('[data-editor]').value;
    return this.validated?.text === text ? this.validated.result : this.validate();
  }

  private showResult(result: ValidationResult, prefix = '') {
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    const warnings = result.problems.length - errors;
    const summary = this.find<HTMLElement>('[data-summary]');
    summary.dataset.state = result.ok ? (warnings ? 'warn' : 'ok') : 'error';
    summary.textContent =
      prefix +
      (result.ok
        ? `Valid policy${warnings ? ` with ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.${this.knownToolNames ? '' : ' (Catalog checks load in a moment.)'}`
        : `${errors} error${errors === 1 ? '' : 's'}${warnings ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}.`);
    this.find('[data-problems]').replaceChildren(...result.problems.map((p) => this.renderProblem(p)));
    if (result.omittedProblems) {
      const more = document.createElement('li');
      more.textContent = `…and ${result.omittedProblems} more.`;
      this.find('[data-problems]').append(more);
    }
  }

  private renderProblem(problem: Problem): HTMLLIElement {
    const item = document.createElement('li');
    item.dataset.severity = problem.severity;
    const label = document.createElement('strong');
    label.textContent = problem.severity === 'error' ? 'Error' : 'Warning';
    item.append(label, ' ');
    if (problem.line !== undefined) {
      const jump = document.createElement('button');
      jump.type = 'button';
      jump.className = 'link-button';
      jump.dataset.line = String(problem.line);
      jump.dataset.column = String(problem.column ?? 1);
      jump.textContent = `line ${problem.line}:${problem.column ?? 1}`;
      item.append(jump, ' ');
    }
    item.append(problem.message);
    return item;
  }

  /** Selects the line a problem sits on, so the editor shows it. */
  private jumpTo(line: number, column: number) {
    const editor = this.find<HTMLTextAreaElement>('[data-editor]');
    const lines = editor.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, column - 1);
    editor.focus();
    editor.setSelectionRange(start, start + Math.max(1, (lines[line - 1]?.length ?? 0) - column + 1));
  }

  private async simulate() {
    const token = ++this.simulation;
    const form = this.find<HTMLFormElement>('[data-simulate]');
    const status = this.find<HTMLElement>('[data-sim-status]');
    const rows = this.find<HTMLTableSectionElement>('[data-sim-rows]');
    this.stopRows?.();
    rows.replaceChildren();
    const current = this.currentResult();
    const policy = current.ok ? current.policy : undefined;
    if (!policy) {
      status.textContent = 'Fix the errors in the policy first: the simulator runs only a valid policy.';
      return;
    }
    const data = new FormData(form);
    const tool = String(data.get('tool') ?? '').trim();
    let args: unknown;
    try {
      args = JSON.parse(String(data.get('args') || '{}'));
    } catch (error) {
      status.textContent = `The arguments are not valid JSON: ${(error as Error).message}`;
      return;
    }
    const calls = Math.min(MAX_SIMULATED_CALLS, Math.max(1, Math.floor(Number(data.get('calls')) || 1)));
    const seconds = Math.max(0, Number(data.get('seconds')) || 0);
    if (!tool) {
      status.textContent = 'Name the tool to call.';
      return;
    }
    if (needsLinearRegexEngine(policy) && !linearRegexEngine()) {
      status.textContent = 'Loading the regular expression engine…';
      try {
        useLinearRegexEngine((await import('../../core/policy/re2-engine.ts')).re2Engine);
      } catch {
        // Without it those conditions deny, and their reasons say why.
      }
      // A newer simulation started while this one waited.
      if (this.simulation !== token) return;
    }
    const start = alignedStart(Date.now());
    const results = simulateCalls(policy, { tool, args, calls, seconds, start });
    const shownNote = calls > MAX_SHOWN_CALLS ? ` The table shows the first ${MAX_SHOWN_CALLS}.` : '';
    status.textContent = `${calls} call${calls === 1 ? '' : 's'} of ${tool} over ${seconds} s: ${summarizeSimulation(results)}.${shownNote}`;
    this.stopRows = showSimulatedCalls(rows, results);
  }
}
