import type { DialectSnippet } from '../../core/dialects/snippets.ts';
import type { Policy } from '../../core/policy/schema.ts';

/** The writers (with a TOML library) are a chunk of their own: a tool page's own script stays small. */
const writeSnippets = async (serverKey: string, policy: Policy) => (await import('../../core/dialects/snippets.ts')).dialectSnippets(serverKey, policy);

/** When the page has nothing else to do (or after a second at most), so reading comes first. */
const whenIdle = (task: () => void) => ('requestIdleCallback' in window ? requestIdleCallback(task, { timeout: 1000 }) : setTimeout(task, 200));

/**
 * Writes a tool page's policy in the other dialects from the policy-v1 text the page shows, in the
 * browser: the same markup PolicyDialects.astro renders on server pages, without the writers on
 * each of the catalog's tool pages (they load once the page is idle).
 */
export class PolicyDialects extends HTMLElement {
  connectedCallback() {
    const serverKey = this.dataset.serverKey;
    if (serverKey && this.dataset.policyUrl) return this.offerToWrite(serverKey, this.dataset.policyUrl);
    const source = this.closest('section')?.querySelector('copy-policy [data-code] pre');
    if (!source || !serverKey) return;
    let policy: Policy;
    try {
      policy = JSON.parse(source.textContent ?? '') as Policy;
    } catch {
      return;
    }
    whenIdle(() => {
      writeSnippets(serverKey, policy).then(
        (snippets) => this.replaceChildren(...snippets.map(dialectElement)),
        // Offline or a stale deploy: the note stays, and the server's page has them written out.
        () => undefined,
      );
    });
  }

  /** A large server's page: its policy is a file, loaded only when the reader asks for these. */
  private offerToWrite(serverKey: string, url: string) {
    const write = this.querySelector<HTMLButtonElement>('[data-write]');
    const status = this.querySelector<HTMLElement>('[data-status]');
    if (!write || !status) return;
    write.hidden = false;
    write.addEventListener('click', async () => {
      write.disabled = true;
      status.textContent = 'Loading policy.json…';
      try {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const snippets = await writeSnippets(serverKey, (await response.json()) as Policy);
        this.replaceChildren(...snippets.map(dialectElement));
      } catch (error) {
        status.textContent = `policy.json could not be loaded (${(error as Error).message}).`;
        write.disabled = false;
      }
    });
  }
}

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

function dialectElement(snippet: DialectSnippet): HTMLDetailsElement {
  const details = element('details', 'dialect');
  details.id = `policy-${snippet.id}`;
  details.append(element('summary', undefined, `${snippet.title} `, element('span', 'muted', `(${snippet.filename})`)), element('p', undefined, snippet.placement));
  const status = element('span', 'muted');
  status.setAttribute('role', 'status');
  status.setAttribute('data-status', '');
  const actions = element('div', 'policy-actions', button(`Copy ${snippet.title} rules`, 'copy'), button(`Download ${snippet.filename}`, 'download', snippet.filename), status);
  const pre = element('pre', 'plain-code', element('code', undefined, snippet.text));
  pre.tabIndex = 0;
  const code = element('div', undefined, pre);
  code.setAttribute('data-code', '');
  const copyPolicy = document.createElement('copy-policy');
  copyPolicy.className = 'policy';
  copyPolicy.append(actions, code);
  details.append(copyPolicy);
  if (snippet.lost.length > 0) details.append(element('p', undefined, 'What this format cannot express:'), element('ul', undefined, ...snippet.lost.map((sentence) => element('li', undefined, sentence))));
  return details;
}
