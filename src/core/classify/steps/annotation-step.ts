import type { Category } from '../../risk.ts';
import type { Annotations } from '../../schema/server.ts';
import type { Evidence } from '../evidence.ts';

/** Step 5: the category and confidence after the server's annotations. */
export interface AnnotationFinding {
  category: Category;
  /** Added to the confidence. */
  confidence: number;
  evidence: readonly Evidence[];
}

/** Annotations are untrusted hints: they may support a read, never excuse a write. */
export function weighAnnotations(annotations: Annotations, category: Category): AnnotationFinding {
  const unchanged = (confidence: number, ...evidence: Evidence[]): AnnotationFinding => ({ category, confidence, evidence });
  if (annotations.readOnlyHint === true) {
    if (category === 'read' || category === 'other') {
      return { category: 'read', confidence: 0.15, evidence: [{ source: 'annotation', detail: 'readOnlyHint: true', kind: 'supports', category: 'read' }] };
    }
    return unchanged(-0.1, {
      source: 'annotation',
      detail: `readOnlyHint: true, but the tool looks ${category}`,
      kind: 'ignored',
      because: 'annotations never outweigh the name or schema',
    });
  }
  if (category === 'read' && (annotations.readOnlyHint === false || annotations.destructiveHint === true)) {
    const destructive = annotations.destructiveHint === true;
    const worse = destructive ? 'destructive' : 'write';
    const detail = destructive ? 'destructiveHint: true on a tool that looks like a read' : 'readOnlyHint: false on a tool that looks like a read';
    return {
      category: worse,
      confidence: -0.15,
      evidence: [{ source: 'annotation', detail, kind: 'category', category: worse, because: 'the worse reading wins' }],
    };
  }
  if (annotations.destructiveHint === false && category === 'destructive') {
    return unchanged(0, { source: 'annotation', detail: 'destructiveHint: false on a tool that looks destructive', kind: 'ignored' });
  }
  if (annotations.destructiveHint === true && category === 'write') {
    return unchanged(0, { source: 'annotation', detail: 'destructiveHint: true', kind: 'level', level: 'high', atLeast: true, because: 'it may overwrite' });
  }
  return unchanged(0);
}
