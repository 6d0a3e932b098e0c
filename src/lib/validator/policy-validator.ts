import './zod-jitless.ts';
import { DEFAULT_MAX_BYTES, validatePolicyText, type Problem, type ValidationResult } from '../../core/policy/validate.ts';
import { alignedStart, simulateCalls, summarizeSimulation } from '../../core/policy/simulate.ts';

const FRAGMENT_KEY = 'policy=';
const MAX_SIMULATED_CALLS = 10_000;

/** The /policy/ island: live validation of a pasted policy, and a call simulator over it. */
export class PolicyValidator extends HTMLElement {
  private knownToolNames?: string[];
  /** The latest validation of the editor's text, with that text: Simulate checks it is still current. */
  private validated?: { text: string; result: ValidationResult };
  private pending?: ReturnType<typeof setTimeout>;
  private refusedPaste = false;

  private find<T extends Element>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  connectedCallback() {
    const editor = this.find<HTMLTextAreaElement>('[data-editor]');
    const fromFragment = location.hash.startsWith(`#${FRAGMENT_KEY}`) ? this.decodeFragment(location.hash.slice(FRAGMENT_KEY.length + 1)) : undefined;
    if (fromFragment !== undefined) editor.value = fromFragment;
    editor.addEventListener('input', () => {
      this.refusedPaste = false;
      clearTimeout(this.pending);
      this.pending = setTimeout(() => this.validate(), 150);
    });
    // A huge paste would freeze the page while the browser lays out the text: refuse it before it lands.
    editor.addEventListener('paste', (event) => {
      const pasted = event.clipboardData?.getData('text') ?? '';
      if (pasted.length <= DEFAULT_MAX_BYTES) return;
      event.preventDefault();
      this.refusedPaste = true;
      this.showResult(validatePolicyText(pasted), 'Nothing was pasted: ');
    });
    this.find('[data-problems]').addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-line]');
      if (button) this.jumpTo(Number(button.dataset.line), Number(button.dataset.column));
    });
    this.find('[data-simulate]').addEventListener('submit', (event) => {
      event.preventDefault();
      this.simulate();
    });
    this.find<HTMLElement>('[data-live]').hidden = false;
    this.validate();
    void this.loadToolNames();
  }

  private decodeFragment(encoded: string): string | undefined {
    try {
      const text = decodeURIComponent(encoded);
      // Pretty-print what arrives compact; leave anything unparsable as it came, for the validator to report.
      try {
        return JSON.stringify(JSON.parse(text), null, 2);
      } catch {
        return text;
      }
    } catch {
      return undefined;
    }
  }

  private async loadToolNames() {
    try {
      const response = await fetch(this.dataset.namesUrl!);
      if (!response.ok) return;
      this.knownToolNames = (await response.json()) as string[];
      const list = this.find<HTMLDataListElement>('datalist');
      list.replaceChildren(...this.knownToolNames.slice(0, 5000).map((name) => Object.assign(document.createElement('option'), { value: name })));
      // Keep a refused paste's message in view until the user edits again.
      if (!this.refusedPaste) this.validate();
    } catch {
      // Without the list the catalog lint is skipped; syntax and schema checks still run.
    }
  }

  private validate(): ValidationResult {
    clearTimeout(this.pending);
    const text = this.find<HTMLTextAreaElement>('[data-editor]').value;
    const result = validatePolicyText(text, this.knownToolNames ? { knownToolNames: this.knownToolNames } : {});
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
    summary.textContent = prefix + (result.ok
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

  private simulate() {
    const form = this.find<HTMLFormElement>('[data-simulate]');
    const status = this.find<HTMLElement>('[data-sim-status]');
    const rows = this.find<HTMLTableSectionElement>('[data-sim-rows]');
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
    const start = alignedStart(Date.now());
    const results = simulateCalls(policy, { tool, args, calls, seconds, start });
    status.textContent = `${calls} call${calls === 1 ? '' : 's'} of ${tool} over ${seconds} s: ${summarizeSimulation(results)}.`;
    rows.append(
      ...results.map(({ index, offset, decision }) => {
        const row = document.createElement('tr');
        row.dataset.effect = decision.effect;
        const retry = decision.retryAfterSeconds !== undefined ? ` Retry in ${decision.retryAfterSeconds} s.` : '';
        for (const text of [String(index), `+${(offset / 1000).toFixed(1)} s`, decision.effect.replace('_', ' '), decision.rule ?? '(default)', decision.reason + retry]) {
          const cell = document.createElement('td');
          cell.textContent = text;
          row.append(cell);
        }
        return row;
      }),
    );
  }
}
