import { SIGNALS, type Category, type Level, type Signal } from '../risk.ts';
import { isCategory, isLevel } from '../risk-badge.ts';

/** What the search island needs to know of a tool without loading its page. */
export interface ToolFacets {
  slug: string;
  level: Level;
  category: Category;
  signals: Signal[];
  /** The declared annotations disagree with what the tool appears to do. */
  annotationsDisagree: boolean;
  /** The rating is a cautious guess (the badge says "Medium?"). */
  lowConfidence: boolean;
}

const PREFIX = 't';
const NONE = '-';

const flagsOf = (tool: ToolFacets) => `${tool.annotationsDisagree ? 'a' : ''}${tool.lowConfidence ? 'u' : ''}` || NONE;

/**
 * A tool's heading id in its server's search document carries its facets, so the island can
 * narrow a server's tools to a filter from the one fragment it loaded. Slugs, levels, categories
 * and signals never contain '.' or '+'.
 */
export const toolAnchorId = (tool: ToolFacets) => [PREFIX, tool.level, tool.category, tool.signals.join('+') || NONE, flagsOf(tool), tool.slug].join('.');

export function readToolAnchorId(id: string): ToolFacets | undefined {
  const [prefix, level, category, signals, flags, slug, ...rest] = id.split('.');
  if (prefix !== PREFIX || rest.length || !slug || !isLevel(level) || !isCategory(category) || signals === undefined || !flags || !/^(-|a?u?)$/.test(flags))
    return undefined;
  const known = new Set<string>(SIGNALS);
  const list = signals === NONE ? [] : signals.split('+');
  if (!list.every((s) => known.has(s))) return undefined;
  return { slug, level, category, signals: list as Signal[], annotationsDisagree: flags.includes('a'), lowConfidence: flags.includes('u') };
}
