import type { Category } from '../../risk.ts';
import type { Evidence } from '../evidence.ts';
import { DESCRIPTION_PHRASES } from '../lexicon.ts';
import type { ToolFacts } from './tool-facts.ts';

/** Step 4: how much the description backs the category, and whether it warns of a permanent change. */
export interface DescriptionFinding {
  category: Category;
  /** Added to the confidence. */
  confidence: number;
  evidence: readonly Evidence[];
}

const PERMANENT = /\b(permanently|irreversibl[ey]|cannot be undone)\b/;

export function weighDescription({ description, lowerDescription }: ToolFacts, category: Category): DescriptionFinding {
  if (!description) return { category, confidence: 0, evidence: [{ source: 'description', detail: 'no description', kind: 'confidence', direction: 'down' }] };
  const evidence: Evidence[] = [];
  const supports = category !== 'other' && DESCRIPTION_PHRASES[category].find((re) => re.test(lowerDescription));
  if (supports)
    evidence.push({ source: 'description', detail: `the description agrees (“${lowerDescription.match(supports)![0]}”)`, kind: 'confidence', direction: 'up' });
  const confidence = supports ? 0.2 : category === 'other' ? 0.1 : 0;
  // Execute and financial already rate at least as high as a permanent change.
  if (category === 'destructive' || category === 'execute' || category === 'financial' || !PERMANENT.test(lowerDescription))
    return { category, confidence, evidence };
  evidence.push({ source: 'description', detail: 'the description warns the change is permanent', kind: 'category', category: 'destructive' });
  return { category: 'destructive', confidence, evidence };
}
