import type { Policy } from '../../core/policy/schema.ts';

/** The writers (with a TOML library) and their markup are a chunk of their own: a tool page's own script stays small. */
const dialectElements = async (serverKey: string, policy: Policy) => (await import('./dialect-elements.ts')).dialectElements(serverKey, policy);

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
      dialectElements(serverKey, policy).then(
        (elements) => this.replaceChildren(...elements),
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
        this.replaceChildren(...(await dialectElements(serverKey, (await response.json()) as Policy)));
      } catch (error) {
        status.textContent = `policy.json could not be loaded (${(error as Error).message}).`;
        write.disabled = false;
      }
    });
  }
}
