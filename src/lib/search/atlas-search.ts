import { riskBadge, type RiskBadgeParts } from '../../core/risk-badge.ts';
import type { FilterCounts, Pagefind, SearchResponse } from './pagefind-types.ts';
import { compareHits, hitsOf, keepLooking, type SearchHit } from './search-hits.ts';
import { FACETS, facetValues, hasCriteria, pagefindFilters, pagefindQuery, readState, writeState, type Facet, type SearchState } from './search-state.ts';

const PAGE_SIZE = 20;
/** Servers whose documents load together; the first batch is ranked as one, so an exact name found in any of them comes first. */
const SERVER_BATCH = 5;

type ServerResults = SearchResponse['results'];

/** A search's servers (Pagefind's results), how many are loaded, and their hits not shown yet. */
interface Found {
  servers: ServerResults;
  loaded: number;
  pool: SearchHit[];
  query: string;
  selected: SearchState['selected'];
}

/** The /search/ page: query box, facets with counts, results; the state lives in the URL. */
export class AtlasSearch extends HTMLElement {
  private pagefind?: Pagefind;
  private state: SearchState = readState(location.search);
  private labels: Record<string, Record<string, string>> = {};
  private order: Record<string, string[]> = {};
  private shown = 0;
  /** Results shown or loading; above `shown` while a "Show more" batch loads. */
  private requested = 0;
  /** The state whose results are shown. */
  private shownFor?: SearchState;
  private pending?: ReturnType<typeof setTimeout>;
  /** Bumped by every change of state and every search, so work started earlier never renders. */
  private generation = 0;
  private filtersLoaded = false;
  private found?: Found;

  private get input() {
    return this.querySelector<HTMLInputElement>('input[name="q"]')!;
  }
  private get status() {
    return this.querySelector<HTMLElement>('[data-status]')!;
  }
  private get list() {
    return this.querySelector<HTMLOListElement>('[data-results]')!;
  }
  private get more() {
    return this.querySelector<HTMLButtonElement>('[data-more]')!;
  }

  async connectedCallback() {
    this.labels = JSON.parse(this.dataset.labels ?? '{}');
    this.order = JSON.parse(this.dataset.order ?? '{}');
    // Words typed before this script ran are the search wanted now, over the URL's.
    const typed = this.input.value.trim();
    if (typed) this.setState({ query: typed });
    else this.input.value = this.state.query;
    this.status.textContent = 'Loading the search index…';
    this.querySelector('[data-form]')!.addEventListener('submit', (event) => {
      event.preventDefault();
      this.update({ query: this.input.value.trim() }, 0);
    });
    this.input.addEventListener('input', () => this.update({ query: this.input.value.trim() }, 200));
    this.more.addEventListener('click', () => void this.showMore());
    this.addEventListener('change', (event) => {
      const box = event.target as HTMLInputElement;
      const facet = box.closest<HTMLElement>('[data-facet]')?.dataset.facet as Facet | undefined;
      if (!facet) return;
      const values = new Set(this.state.selected[facet]);
      if (box.checked) values.add(box.value);
      else values.delete(box.value);
      this.update({ selected: { ...this.state.selected, [facet]: [...values] } }, 0);
    });
    addEventListener('popstate', () => {
      clearTimeout(this.pending);
      this.state = readState(location.search);
      this.input.value = this.state.query;
      void this.run();
    });
    try {
      const bundle = this.dataset.bundle!;
      this.pagefind = (await import(/* @vite-ignore */ `${bundle}pagefind.js`)) as Pagefind;
      await this.pagefind.options({ baseUrl: bundle.replace(/pagefind\/$/, ''), excerptLength: 24 });
      await this.pagefind.init();
    } catch {
      this.status.textContent = 'The search index could not be loaded. Reload the page, or browse tools by risk or category from the menu.';
      this.status.classList.add('error');
      return;
    }
    // Facet counts need Pagefind's filter tables, which grow with the catalog (450 KB at 50,000
    // tools): they load when the facets are reached for, not with every query.
    const facets = this.querySelector('.search-facets')!;
    for (const type of ['focusin', 'pointerenter'] as const) facets.addEventListener(type, () => void this.loadFilters(), { once: true });
    await this.run();
  }

  /** Loads Pagefind's filter tables once; returns all filter values with their counts. */
  private async ensureFilters(): Promise<FilterCounts> {
    const counts = await this.pagefind!.filters();
    this.filtersLoaded = true;
    return counts;
  }

  private async loadFilters() {
    if (this.filtersLoaded || !this.pagefind) return;
    await this.ensureFilters();
    await this.run();
  }

  private setState(change: Partial<SearchState>) {
    this.state = { ...this.state, ...change };
    history.replaceState(null, '', `${location.pathname}${writeState(this.state)}`);
    // A search or batch still loading belongs to the old state: it must not render now.
    this.generation++;
  }

  /** Changes the state at once (box, URL) and searches after `delay` ms; a newer change cancels it. */
  private update(change: Partial<SearchState>, delay: number) {
    this.setState(change);
    clearTimeout(this.pending);
    this.pending = setTimeout(() => void this.run(), delay);
  }

  private async run() {
    if (!this.pagefind) return;
    const generation = ++this.generation;
    const state = this.state;
    if (!hasCriteria(state)) {
      const counts = await this.ensureFilters();
      if (generation !== this.generation) return;
      this.renderFacets(counts);
      this.found = undefined;
      this.shownFor = state;
      this.shown = this.requested = 0;
      this.list.replaceChildren();
      this.more.hidden = true;
      this.status.textContent = 'Type a tool name or some words, or pick a filter.';
      return;
    }
    // A search by filters counts only the facets whose tables are loaded: load them all first.
    if (!state.query && !this.filtersLoaded) await this.ensureFilters();
    const response = await this.pagefind.search(pagefindQuery(state.query) || null, { filters: pagefindFilters(state) });
    if (generation !== this.generation || !response) return;
    const found: Found = { servers: response.results, loaded: 0, pool: [], query: state.query, selected: state.selected };
    // The same state again (the filter tables arrived): keep the results "Show more" added.
    const first = await take(found, state === this.shownFor ? Math.max(this.shown, PAGE_SIZE) : PAGE_SIZE);
    if (generation !== this.generation) return;
    // Facets, count and results change together, so all that is shown belongs to one state.
    this.renderFacets(response.filters);
    this.found = found;
    this.shownFor = state;
    this.list.replaceChildren(...first.map((hit) => this.renderResult(hit)));
    this.shown = this.requested = first.length;
    this.renderCount();
  }

  /** Exact when every matching server is loaded; otherwise the number of servers that match. */
  private renderCount() {
    const found = this.found!;
    const complete = found.loaded >= found.servers.length;
    this.more.hidden = complete && found.pool.length === 0;
    const total = this.shown + found.pool.length;
    const servers = found.servers.length;
    if (complete) {
      this.status.textContent = total === 0 ? 'No tools match. Try fewer words or remove a filter.' : `${total} result${total === 1 ? '' : 's'}.`;
    } else if (total === 0) {
      // A server matches when its document holds the words and one of its tools passes the filters,
      // which need not be the same tool: say so rather than show an empty list under a count.
      this.status.textContent = `${servers.toLocaleString('en')} servers match, but none of the first ${found.loaded.toLocaleString('en')} has one tool with the words that passes every filter; “Show more” looks further.`;
    } else {
      this.status.textContent = `${servers.toLocaleString('en')} servers match; the best of their tools are shown first.`;
    }
  }

  private async showMore() {
    // A batch is still loading: a second click would add the same results twice.
    if (this.requested > this.shown || !this.found) return;
    const found = this.found;
    this.requested = this.shown + PAGE_SIZE;
    const batch = await take(found, PAGE_SIZE);
    // Newer results replaced the list this batch extends.
    if (found !== this.found) return;
    this.list.append(...batch.map((hit) => this.renderResult(hit)));
    this.shown = this.requested = this.shown + batch.length;
    this.renderCount();
  }

  private renderResult(hit: SearchHit): HTMLLIElement {
    const item = document.createElement('li');
    const heading = document.createElement('h2');
    const link = document.createElement('a');
    link.href = hit.url;
    const name = document.createElement(hit.kind === 'tool' ? 'code' : 'span');
    name.textContent = hit.name;
    link.append(name);
    heading.append(link);
    const facts = document.createElement('p');
    facts.className = 'result-facts';
    if (hit.facets) facts.append(badgeElement(riskBadge(hit.facets.level, hit.facets.category, hit.facets.lowConfidence ? 0 : 1)), ` ${hit.server}`);
    else facts.textContent = 'Server';
    const excerpt = document.createElement('p');
    excerpt.append(
      ...hit.excerpt.map((part) => {
        if (!part.mark) return document.createTextNode(part.text);
        const mark = document.createElement('mark');
        mark.textContent = part.text;
        return mark;
      }),
    );
    item.append(heading, facts, excerpt);
    return item;
  }

  private renderFacets(counts: FilterCounts) {
    for (const facet of FACETS) {
      const box = this.querySelector<HTMLElement>(`[data-facet="${facet}"] [data-options]`)!;
      const values = counts[facet] ?? {};
      const selected = new Set(this.state.selected[facet]);
      const known = this.order[facet];
      // Known values are always offered (without counts until the filter tables load), so the list keeps its length.
      const keys = facetValues(known, this.filtersLoaded ? values : {}, selected);
      box.replaceChildren(
        ...keys.map((value) => {
          const label = document.createElement('label');
          const input = document.createElement('input');
          input.type = 'checkbox';
          input.value = value;
          input.checked = selected.has(value);
          const count = this.filtersLoaded ? ` (${values[value] ?? 0})` : '';
          label.append(input, ` ${this.labels[facet]?.[value] ?? value}${count}`);
          return label;
        }),
      );
      if (keys.length === 0) box.textContent = this.filtersLoaded ? 'None' : 'Loads when you reach the filters.';
    }
  }
}

/**
 * The next `count` hits of a search, best first: loads servers' documents in batches while
 * `keepLooking` says so (a filter few tools pass must not load the whole index).
 */
async function take(found: Found, count: number): Promise<SearchHit[]> {
  let looked = 0;
  while (found.loaded < found.servers.length && keepLooking(found.pool.length, count, looked)) {
    const from = found.loaded;
    const batch = found.servers.slice(from, from + SERVER_BATCH);
    found.loaded += batch.length;
    looked += batch.length;
    const documents = await Promise.all(batch.map((server) => server.data()));
    documents.forEach((data, i) => found.pool.push(...hitsOf(data, from + i, found.query, found.selected)));
    found.pool.sort(compareHits);
  }
  return found.pool.splice(0, count);
}

/** The markup RiskBadge.astro renders, built from the same parts. */
function badgeElement(parts: RiskBadgeParts): HTMLElement {
  const badge = document.createElement('span');
  badge.className = parts.className;
  badge.dataset.level = parts.level;
  const mark = document.createElement('span');
  mark.setAttribute('aria-hidden', 'true');
  mark.textContent = parts.mark;
  const text = document.createElement('span');
  text.textContent = parts.text;
  badge.append(mark, text);
  if (parts.note) {
    const note = document.createElement('span');
    note.className = 'visually-hidden';
    note.textContent = parts.note;
    badge.append(note);
  }
  return badge;
}
