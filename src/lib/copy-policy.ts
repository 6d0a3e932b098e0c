import { validatorHref } from './validator-link.ts';

// Copy and download read the one copy of the text the page shows (no second copy in a data: URL,
// which doubled every page's policy bytes); without script, the text is there to select.
class CopyPolicy extends HTMLElement {
  connectedCallback() {
    const button = this.querySelector<HTMLButtonElement>('[data-copy]');
    const download = this.querySelector<HTMLButtonElement>('[data-download]');
    const status = this.querySelector<HTMLElement>('[data-status]');
    const code = this.querySelector('[data-code] pre');
    if (!status || !code) return;
    // The validator is a script itself: the link carries the policy (in the fragment, never sent
    // to a server) once this script has read it from the page, instead of a third copy in the HTML.
    const validate = this.querySelector<HTMLAnchorElement>('[data-validate]');
    if (validate) {
      try {
        validate.href = validatorHref(code.textContent ?? '');
      } catch {
        // Not JSON (never for the site's own policies): the link opens the empty validator.
      }
    }
    if (download) {
      download.hidden = false;
      download.addEventListener('click', () => {
        const link = document.createElement('a');
        link.href = URL.createObjectURL(new Blob([`${code.textContent ?? ''}\n`], { type: 'application/json' }));
        link.download = download.dataset.download ?? 'policy.json';
        link.click();
        setTimeout(() => URL.revokeObjectURL(link.href), 0);
      });
    }
    if (!button || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(code.textContent ?? '');
        status.textContent = 'Copied to the clipboard.';
      } catch {
        status.textContent = 'Copy failed: select the text and copy it by hand.';
      }
    });
  }
}

/** Defines <copy-policy> once, whichever island of the page asks first. */
export function defineCopyPolicy(): void {
  if (!customElements.get('copy-policy')) customElements.define('copy-policy', CopyPolicy);
}
