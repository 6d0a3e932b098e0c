import { breakWords, flowPolicy, strictOnlyDenials } from '../../core/flows/break-policy.ts';
import type { Policy } from '../../core/policy/schema.ts';
import { flowDiagram } from '../../core/flows/diagram.ts';
import { FLOW_SUMMARIES, FLOW_TITLES, findFlows } from '../../core/flows/flows.ts';
import { FLOW_ROLE_LABELS } from '../../core/flows/role-kinds.ts';
import type { FlowsRecord } from '../../core/flows/server-flows.ts';
import {
  MAX_STACK,
  matchServers,
  parseFlowsRecord,
  parseServerList,
  stackFromSearch,
  stackSearch,
  stackTools,
  type ServerEntry,
} from '../../core/flows/stack.ts';
import { validatorHref } from '../validator-link.ts';
import { drawFlowDiagram } from './flow-diagram-dom.ts';

/** The client formats: their writers (and a TOML library) are a chunk of their own, loaded once the stack has a server. */
type StackDialects = typeof import('./stack-dialects.ts');

const make = <K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] => {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
};

/** Names as code, comma-separated. */
function codeList(names: readonly string[]): Node[] {
  return names.flatMap((name, i) => [...(i > 0 ? [document.createTextNode(', ')] : []), make('code', name)]);
}

/**
 * The /stack/ island: pick servers by name, see the toxic flows across them, download one policy.
 * It loads the name list when a search starts and each server's flows.json when it is picked,
 * never the catalog.
 */
export class StackBuilder extends HTMLElement {
  private list?: Promise<ServerEntry[]>;
  private records = new Map<string, Promise<FlowsRecord>>();
  private stack: string[] = [];
  private pending?: ReturnType<typeof setTimeout>;
  private dialects?: Promise<StackDialects>;
  /** Bumped on every change, so a slow load cannot draw an older stack over a newer one. */
  private version = 0;

  private find<T extends Element>(selector: string): T {
    return this.querySelector<T>(selector)!;
  }

  connectedCallback() {
    this.find<HTMLElement>('[data-live]').hidden = false;
    const input = this.find<HTMLInputElement>('[data-search]');
    input.addEventListener('input', () => {
      clearTimeout(this.pending);
      this.pending = setTimeout(() => void this.showMatches(), 120);
    });
    this.find('[data-matches]').addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-slug]');
      if (button) this.addServer(button.dataset.slug!);
    });
    this.find('[data-picked]').addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-slug]');
      if (button) this.removeServer(button.dataset.slug!);
    });
    this.stack = stackFromSearch(location.search);
    void this.update();
  }

  private serverList(): Promise<ServerEntry[]> {
    this.list ??= fetch(this.dataset.listUrl!)
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then(parseServerList);
    return this.list;
  }

  private record(slug: string): Promise<FlowsRecord> {
    let record = this.records.get(slug);
    if (!record) {
      record = fetch(`${this.dataset.serverBase}${slug}/flows.json`)
        .then((response) => (response.ok ? response.json() : Promise.reject(new Error(`HTTP ${response.status}`))))
        .then((json) => parseFlowsRecord(json, slug));
      // A failed load may be retried later (a flaky network, a server just added).
      record.catch(() => this.records.delete(slug));
      this.records.set(slug, record);
    }
    return record;
  }

  private async showMatches() {
    const query = this.find<HTMLInputElement>('[data-search]').value;
    const status = this.find<HTMLElement>('[data-search-status]');
    const matches = this.find<HTMLUListElement>('[data-matches]');
    if (!query.trim()) {
      matches.replaceChildren();
      status.textContent = '';
      return;
    }
    let list: ServerEntry[];
    if (!this.list) status.textContent = 'Loading the list of servers…';
    try {
      list = await this.serverList();
    } catch {
      this.list = undefined;
      status.textContent = 'The list of servers did not load; try again.';
      return;
    }
    // The box may have changed while the list loaded.
    if (this.find<HTMLInputElement>('[data-search]').value !== query) return;
    const found = matchServers(list, query, new Set(this.stack));
    const full = this.stack.length >= MAX_STACK;
    matches.replaceChildren(
      ...found.map(([slug, name]) => {
        const button = make('button', undefined, 'button');
        button.type = 'button';
        button.dataset.slug = slug;
        button.disabled = full;
        button.append(`Add ${name} `, make('span', `(${slug})`, 'muted'));
        const item = make('li');
        item.append(button);
        return item;
      }),
    );
    status.textContent = full
      ? `A stack holds at most ${MAX_STACK} servers.`
      : found.length === 0
        ? 'No server matches.'
        : `${found.length} server${found.length === 1 ? '' : 's'} match.`;
  }

  private addServer(slug: string) {
    if (this.stack.includes(slug) || this.stack.length >= MAX_STACK) return;
    this.stack = [...this.stack, slug];
    const input = this.find<HTMLInputElement>('[data-search]');
    input.value = '';
    this.find('[data-matches]').replaceChildren();
    this.find('[data-search-status]').textContent = '';
    input.focus();
    void this.update();
  }

  private removeServer(slug: string) {
    this.stack = this.stack.filter((s) => s !== slug);
    void this.update();
    this.find<HTMLInputElement>('[data-search]').focus();
  }

  /** Loads what the stack needs, then shows the servers, the flows and the policy. */
  private async update() {
    const version = ++this.version;
    history.replaceState(null, '', `${location.pathname}${stackSearch(this.stack)}`);
    const loadStatus = this.find<HTMLElement>('[data-load-status]');
    loadStatus.textContent = this.stack.length > 0 ? 'Loading…' : '';
    const loaded = await Promise.allSettled(this.stack.map((slug) => this.record(slug)));
    if (version !== this.version) return;
    const records = loaded.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
    const failed = this.stack.filter((_slug, i) => loaded[i]!.status === 'rejected');
    loadStatus.textContent = failed.length > 0 ? `Could not load ${failed.join(', ')}: check the name, or try again.` : '';
    this.showPicked(records, failed);
    this.showFlows(records);
  }

  private showPicked(records: readonly FlowsRecord[], failed: readonly string[]) {
    const names = new Map(records.map((record) => [record.slug, record.name]));
    this.find<HTMLElement>('[data-empty]').hidden = this.stack.length > 0;
    this.find('[data-picked]').replaceChildren(
      ...this.stack.map((slug) => {
        const item = make('li');
        const name = names.get(slug);
        const remove = make('button', undefined, 'link-button');
        remove.type = 'button';
        remove.dataset.slug = slug;
        remove.append('Remove', make('span', ` ${name ?? slug}`, 'visually-hidden'));
        const link = make('a', name ?? slug);
        link.href = `${this.dataset.serverBase}${slug}/`;
        item.append(
          link,
          ' ',
          make('span', failed.includes(slug) ? '(did not load)' : `(${records.find((r) => r.slug === slug)?.tools.length ?? 0} tools)`, 'muted'),
          ' ',
          remove,
        );
        return item;
      }),
    );
  }

  private showFlows(records: readonly FlowsRecord[]) {
    const results = this.find<HTMLElement>('[data-results]');
    results.hidden = records.length === 0;
    if (records.length === 0) return;
    const tools = stackTools(records);
    const flows = findFlows(tools);
    const { policy, breaks } = flowPolicy(tools, flows);
    const serverName = new Map(records.map((record) => [record.slug, record.name]));

    this.find<HTMLElement>('[data-no-flows]').hidden = flows.length > 0;
    const figure = this.find<HTMLElement>('[data-figure]');
    const diagram = flowDiagram(flows, records.length === 1 ? records[0]!.name : `a stack of ${records.length} servers`);
    figure.hidden = !diagram;
    this.find('[data-diagram]').replaceChildren(...(diagram ? [drawFlowDiagram(diagram, 'stack-diagram')] : []));

    this.find('[data-flows]').replaceChildren(
      ...flows.map((flow, index) => {
        const item = make('li');
        const words = breakWords(breaks[index]!);
        item.append(make('strong', `${FLOW_TITLES[flow.kind]}.`), ` ${FLOW_SUMMARIES[flow.kind]}`);
        const legs = make('ul');
        for (const leg of flow.legs) {
          const line = make('li');
          line.append(`${FLOW_ROLE_LABELS[leg.role]}: `);
          const servers = [...new Set(leg.tools.map((tool) => tool.server))];
          servers.forEach((server, i) => {
            const names = [...new Set(leg.tools.filter((tool) => tool.server === server).map((tool) => tool.name))];
            line.append(i > 0 ? '; ' : '', `${serverName.get(server)} `, ...codeList(names));
          });
          legs.append(line);
        }
        const broken = make('p');
        broken.append(words.before, ...codeList(words.tools), words.after);
        item.append(legs, broken);
        return item;
      }),
    );

    this.showPolicy(policy, '');
    const strict = flowPolicy(tools, flows, { strict: true }).policy;
    const denied = strictOnlyDenials(policy, strict);
    this.find<HTMLElement>('[data-strict]').hidden = denied.length === 0;
    this.find('[data-strict-denied]').replaceChildren(...codeList(denied));
    this.showPolicy(strict, 'strict-');
    void this.showFormats(records, policy, denied.length > 0 ? strict : undefined);
  }

  /** Both policies in every client format, once their writers have loaded (if the stack has not changed meanwhile). */
  private async showFormats(records: readonly FlowsRecord[], policy: Policy, strict: Policy | undefined) {
    const version = this.version;
    let dialects: StackDialects;
    try {
      dialects = await (this.dialects ??= import('./stack-dialects.ts'));
    } catch {
      // Offline or a stale deploy: a later change of the stack tries again.
      this.dialects = undefined;
      for (const prefix of ['', 'strict-'])
        this.find(`[data-${prefix}formats-list]`).replaceChildren(make('p', 'The client formats did not load; reload the page to try again.', 'muted'));
      return;
    }
    if (version !== this.version) return;
    this.find('[data-formats-list]').replaceChildren(...dialects.stackDialectElements(policy, records, 'stack-policy-'));
    this.find('[data-strict-formats-list]').replaceChildren(...(strict ? dialects.stackDialectElements(strict, records, 'stack-strict-policy-') : []));
  }

  /** A policy's text, download and validator link, in the elements named `data-<prefix>policy` and so on. */
  private showPolicy(policy: Policy, prefix: '' | 'strict-') {
    const json = JSON.stringify(policy, null, 2);
    this.find(`[data-${prefix}policy]`).textContent = json;
    this.find<HTMLAnchorElement>(`[data-${prefix}download]`).href = `data:application/json;charset=utf-8,${encodeURIComponent(`${json}\n`)}`;
    this.find<HTMLAnchorElement>(`[data-${prefix}validate]`).href = validatorHref(json);
  }
}
