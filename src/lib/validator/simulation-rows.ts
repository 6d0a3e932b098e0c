import type { SimulatedCall } from '../../core/policy/simulate.ts';

/** Calls the table shows; the status line counts them all. */
export const MAX_SHOWN_CALLS = 500;
// Laying out 10,000 rows in one task froze the page for seconds: rows go in a batch per frame.
const ROWS_PER_FRAME = 50;

function row({ index, offset, decision }: SimulatedCall): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.effect = decision.effect;
  const retry = decision.retryAfterSeconds !== undefined ? ` Retry in ${decision.retryAfterSeconds} s.` : '';
  for (const text of [
    String(index),
    `+${(offset / 1000).toFixed(1)} s`,
    decision.effect.replace('_', ' '),
    decision.rule ?? '(default)',
    decision.reason + retry,
  ]) {
    const cell = document.createElement('td');
    cell.textContent = text;
    tr.append(cell);
  }
  return tr;
}

/** Replaces the rows of `body` with the first MAX_SHOWN_CALLS calls; the first batch at once. Returns a function that stops the rest. */
export function showSimulatedCalls(body: HTMLTableSectionElement, calls: readonly SimulatedCall[]): () => void {
  const shown = calls.slice(0, MAX_SHOWN_CALLS);
  let next = 0;
  let frame = 0;
  const addBatch = () => {
    body.append(...shown.slice(next, next + ROWS_PER_FRAME).map(row));
    next += ROWS_PER_FRAME;
    if (next < shown.length) frame = requestAnimationFrame(addBatch);
  };
  body.replaceChildren();
  addBatch();
  return () => cancelAnimationFrame(frame);
}
