import { CATEGORIES, CATEGORY_LABELS, LEVELS, LEVEL_LABELS, isLowConfidence, type Category, type Level } from './risk.ts';

/** What a risk badge shows: `<span class="badge" data-level>` holding the shape mark, then the text. */
export interface RiskBadgeParts {
  className: 'badge';
  level: Level;
  /** A shape per level, so the badge reads without colour too; hidden from screen readers. */
  mark: string;
  /** What the badge says: "Medium? risk · Other" when the confidence is low. */
  text: string;
  /** Said to screen readers after `text` (a visually hidden span), so the "?" is not the only sign. */
  note?: string;
}

const MARKS: Record<Level, string> = { low: '●', medium: '◆', high: '▲', critical: '■' };

/** One source for the page badge (RiskBadge.astro) and the search results' badge, so both look alike. */
export function riskBadge(level: Level, category?: Category, confidence?: number): RiskBadgeParts {
  const doubt = confidence !== undefined && isLowConfidence(confidence);
  const text = `${LEVEL_LABELS[level]}${doubt ? '?' : ''} risk${category ? ` · ${CATEGORY_LABELS[category]}` : ''}`;
  return { className: 'badge', level, mark: MARKS[level], text, ...(doubt ? { note: ' (low confidence: a cautious guess)' } : {}) };
}

// Values read back from the search index are plain strings.
export const isLevel = (value: unknown): value is Level => (LEVELS as readonly unknown[]).includes(value);
export const isCategory = (value: unknown): value is Category => (CATEGORIES as readonly unknown[]).includes(value);
