/**
 * What each piece of evidence did to a rating, as data: readers match on `kind` and its fields.
 * The text pages and JSON outputs show ("category write", "signal money") is `describeEffect`'s.
 */
import type { Category, EvidenceSource, Level, Signal } from '../risk.ts';

/** `because` is shown with the effect, never matched on. */
export type EvidenceEffect =
  | { kind: 'category'; category: Category; because?: string }
  | { kind: 'signal'; signal: Signal }
  | { kind: 'level'; level: Level; atLeast?: true; because?: string }
  | { kind: 'confidence'; direction: 'up' | 'down' }
  /** An annotation backs the category read from the definition. */
  | { kind: 'supports'; category: Category }
  /** An annotation the definition outweighs. */
  | { kind: 'ignored'; because?: string }
  /** The editors' rating replaced the computed one. */
  | { kind: 'override'; replaced: { category: Category; level: Level } };

export type Evidence = { source: EvidenceSource; detail: string } & EvidenceEffect;

export type EvidenceKind = EvidenceEffect['kind'];

const aside = (because: string | undefined) => (because ? ` (${because})` : '');

/** The effect in words, as tool pages and JSON outputs have always shown it. */
export function describeEffect(e: EvidenceEffect): string {
  switch (e.kind) {
    case 'category':
      return `category ${e.category}${aside(e.because)}`;
    case 'signal':
      return `signal ${e.signal}`;
    case 'level':
      return `level ${e.atLeast ? 'at least ' : ''}${e.level}${aside(e.because)}`;
    case 'confidence':
      return `confidence ${e.direction}`;
    case 'supports':
      return `supports ${e.category}`;
    case 'ignored':
      return e.because ? `ignored: ${e.because}` : 'ignored';
    case 'override':
      return `replaces the computed ${e.replaced.category}/${e.replaced.level}`;
  }
}

/** One piece of evidence as JSON outputs show it. */
export interface EvidenceRecord {
  source: EvidenceSource;
  detail: string;
  effect: string;
}

export const evidenceRecord = (e: Evidence): EvidenceRecord => ({ source: e.source, detail: e.detail, effect: describeEffect(e) });

/** A classification as JSON outputs show it: the same keys in the same order, the evidence in words. */
export function withEvidenceText<T extends { evidence: readonly Evidence[] }>(c: T): Omit<T, 'evidence'> & { evidence: EvidenceRecord[] } {
  return { ...c, evidence: c.evidence.map(evidenceRecord) };
}
