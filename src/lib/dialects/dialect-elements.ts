import { dialectSnippets, type DialectSnippet } from '../../core/dialects/snippets.ts';
import type { Policy } from '../../core/policy/schema.ts';

/** The policy in every dialect, as the markup PolicyDialects.astro renders on server pages. */
export const dialectElements = (serverKey: string, policy: Policy): HTMLDetailsElement[] =>
  dialectSnippets(serverKey, policy).map((snippet) => dialectElement(snippet));

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

function button(label: string, data: 'copy' | 'download', value = ''): HTMLButtonElement {
  const node = element('button', 'button', label);
  node.type = 'button';
  node.hidden = true;
  node.setAttribute(`data-${data}`, value);
  return node;
}

/** One dialect's fold: where it goes, its text with copy and download, what it cannot express. `idPrefix` keeps ids apart where a page shows two policies. */
export function dialectElement(snippet: DialectSnippet, idPrefix = 'policy-'): HTMLDetailsElement {
  const details = element('details', 'dialect');
  details.id = `${idPrefix}${snippet.id}`;
  details.append(
    element('summary', undefined, `${snippet.title} `, element('span', 'muted', `(${snippet.filename})`)),
    element('p', undefined, snippet.placement),
  );
  const status = element('span', 'muted');
  status.setAttribute('role', 'status');
  status.setAttribute('data-status', '');
  const actions = element(
    'div',
    'policy-actions',
    button(`Copy ${snippet.title} rules`, 'copy'),
    button(`Download ${snippet.filename}`, 'download', snippet.filename),
    status,
  );
  const pre = element('pre', 'plain-code', element('code', undefined, snippet.text));
  pre.tabIndex = 0;
  const code = element('div', undefined, pre);
  code.setAttribute('data-code', '');
  const copyPolicy = document.createElement('copy-policy');
  copyPolicy.className = 'policy';
  copyPolicy.append(actions, code);
  details.append(copyPolicy);
  if (snippet.lost.length > 0)
    details.append(
      element('p', undefined, 'What this format cannot express:'),
      element('ul', undefined, ...snippet.lost.map((sentence) => element('li', undefined, sentence))),
    );
  return details;
}
