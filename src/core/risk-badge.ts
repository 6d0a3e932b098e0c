import { CATEGORIES, CATEGORY_LABELS, LEVELS, LEVEL_LABELS, type Category, type Level } from './risk.ts';

/** What a risk badge shows: `<span class="badge" data-level>` holding the shape mark, then the text. */
export interface RiskBadgeParts {
  className: 'badge';
  level: Level;
  /** A shape per level, so the badge reads without colour too; hidden from screen readers. */
  mark: string;
  text: string;
}

const MARKS: Record<Level, string> = { low: '●', medium: '◆', high: '▲', critical: '■' };

/** One source for the page badge (RiskBadge.astro) and the search results' badge, so both look alike. */
export function riskBadge(level: Level, category?: Category): RiskBadgeParts {
  return { className: 'badge', level, mark: MARKS[level], text: `${LEVEL_LABELS[level]} risk${category ? ` · ${CATEGORY_LABELS[category]}` : ''}` };
}

// Values read back from the search index are plain strings.
export const isLevel = (value: unknown): value is Level => (LEVELS as readonly unknown[]).includes(value);
export const isCategory = (value: unknown): value is Category => (CATEGORIES as readonly unknown[]).includes(value);
