import { describe, expect, it } from 'vitest';
import { toolFaq, whatWouldSettle } from '../../src/core/catalog/faq.ts';
import { toolRule } from '../../src/core/catalog/tool-page.ts';
import { checkAnnotations } from '../../src/core/classify/annotation-check.ts';
import { ratingReasons, type Classification } from '../../src/core/classify/classify-tool.ts';
import { describeEffect, evidenceRecord, withEvidenceText, type Evidence, type EvidenceEffect } from '../../src/core/classify/evidence.ts';
import { flowRoles } from '../../src/core/flows/roles.ts';
import type { Tool } from '../../src/core/schema/server.ts';
import { smallTool } from '../support/small-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';

/** A classification that holds exactly `evidence`: what the readers below must choose from. */
const rated = (evidence: Evidence[], over: Partial<Classification> = {}): Classification => ({
  category: 'other',
  level: 'medium',
  signals: [],
  definitionCategory: 'other',
  confidence: 0.5,
  evidence,
  overridden: false,
  rationale: '',
  ...over,
});

describe('describeEffect: the effect text tool pages and JSON outputs show', () => {
  it.each<[EvidenceEffect, string]>([
    [{ kind: 'category', category: 'write' }, 'category write'],
    [{ kind: 'category', category: 'destructive', because: 'the worse reading wins' }, 'category destructive (the worse reading wins)'],
    [{ kind: 'signal', signal: 'raw-sql' }, 'signal raw-sql'],
    [{ kind: 'level', level: 'critical' }, 'level critical'],
    [{ kind: 'level', level: 'high', because: 'it still reads every table it can reach' }, 'level high (it still reads every table it can reach)'],
    [{ kind: 'level', level: 'high', atLeast: true, because: 'it may overwrite' }, 'level at least high (it may overwrite)'],
    [{ kind: 'confidence', direction: 'up' }, 'confidence up'],
    [{ kind: 'confidence', direction: 'down' }, 'confidence down'],
    [{ kind: 'supports', category: 'read' }, 'supports read'],
    [{ kind: 'ignored' }, 'ignored'],
    [{ kind: 'ignored', because: 'annotations never outweigh the name or schema' }, 'ignored: annotations never outweigh the name or schema'],
    [{ kind: 'override', replaced: { category: 'write', level: 'high' } }, 'replaces the computed write/high'],
  ])('%j reads "%s"', (effect, text) => {
    expect(describeEffect(effect)).toBe(text);
  });

  it('serializes a piece of evidence as source, detail and effect, and a classification with its keys in place', () => {
    const e: Evidence = { source: 'schema', detail: 'parameter `sql`', kind: 'signal', signal: 'raw-sql' };
    expect(JSON.stringify(evidenceRecord(e))).toBe('{"source":"schema","detail":"parameter `sql`","effect":"signal raw-sql"}');
    const shown = withEvidenceText(rated([e]));
    expect(Object.keys(shown)).toEqual(['category', 'level', 'signals', 'definitionCategory', 'confidence', 'evidence', 'overridden', 'rationale']);
    expect(shown.evidence).toEqual([{ source: 'schema', detail: 'parameter `sql`', effect: 'signal raw-sql' }]);
  });
});

describe('readers pick evidence by kind', () => {
  const of = (kind: EvidenceEffect, source: Evidence['source'], detail: string) => ({ source, detail, ...kind }) as Evidence;

  it('ratingReasons: what set the category, then the level, then signals, four at most, nothing else', () => {
    const c = rated([
      of({ kind: 'confidence', direction: 'up' }, 'description', 'confidence'),
      of({ kind: 'signal', signal: 'bulk' }, 'schema', 'signal'),
      of({ kind: 'ignored' }, 'annotation', 'ignored'),
      of({ kind: 'category', category: 'write' }, 'name', 'category'),
      of({ kind: 'level', level: 'high', atLeast: true }, 'annotation', 'level'),
      of({ kind: 'supports', category: 'read' }, 'annotation', 'supports'),
      of({ kind: 'override', replaced: { category: 'read', level: 'low' } }, 'override', 'override'),
      of({ kind: 'category', category: 'destructive', because: 'the worse reading wins' }, 'annotation', 'worse reading'),
    ]);
    expect(ratingReasons(c)).toEqual(['category', 'worse reading', 'level', 'signal']);
  });

  it('faq: a description backs the rating only with its own "confidence up"', () => {
    const definition: Tool = {
      name: 'frob_widget',
      description: 'Frobs a widget.',
      inputSchema: { type: 'object', properties: { id: { type: 'string' } } },
      annotations: { readOnlyHint: true },
    };
    const settle = (evidence: Evidence[]) => whatWouldSettle({ definition, classification: rated(evidence) });
    const clearer = ['a clearer description, opening with what the tool does (such as "Lists…" or "Deletes…")'];
    expect(settle([of({ kind: 'confidence', direction: 'up' }, 'description', 'the description agrees')])).toEqual([]);
    expect(settle([of({ kind: 'confidence', direction: 'down' }, 'description', 'x')])).toEqual(clearer);
    expect(settle([of({ kind: 'confidence', direction: 'up' }, 'name', 'x')])).toEqual(clearer);
    expect(settle([of({ kind: 'category', category: 'write' }, 'description', 'the description agrees')])).toEqual(clearer);
  });

  it('faq: a tool without a description is described by the category its name set', () => {
    const base = smallTool('notebook/nbk_frob_state');
    const answer = (evidence: Evidence[]) => {
      const tool = { ...base, classification: rated(evidence, { category: 'write' }) };
      return toolFaq(tool, loadDefinition(tool), toolRule(tool, loadDefinition(tool))).find((entry) => entry.question.startsWith('What does '))!.answer;
    };
    const fromName = answer([
      of({ kind: 'signal', signal: 'bulk' }, 'name', 'a signal from the name'),
      of({ kind: 'category', category: 'write' }, 'description', 'a category from the description'),
      of({ kind: 'category', category: 'write' }, 'name', 'verb “frob” in the name'),
    ]);
    expect(fromName).toContain('Its name suggests a write operation (verb “frob” in the name), but nothing confirms it.');
    expect(answer([of({ kind: 'signal', signal: 'bulk' }, 'name', 'a signal from the name')])).toContain('its name does not say what it does');
  });

  it('annotation check: the last category from the definition, and signals from the definition', () => {
    const destructive = rated(
      [
        of({ kind: 'category', category: 'read' }, 'name', 'verb “get” in the name'),
        of({ kind: 'category', category: 'destructive' }, 'schema', 'parameter `op` can ask for “delete”'),
        of({ kind: 'level', level: 'critical' }, 'name', 'a level'),
        of({ kind: 'category', category: 'destructive', because: 'the worse reading wins' }, 'annotation', 'from an annotation'),
      ],
      { category: 'destructive', definitionCategory: 'destructive' },
    );
    const readOnly = checkAnnotations({ definition: { annotations: { readOnlyHint: true } }, classification: destructive });
    expect(readOnly.disagreements.map((d) => d.text)).toContain(
      'Declares readOnlyHint: true; it appears to delete or overwrite: parameter `op` can ask for “delete”',
    );

    const sends = rated(
      [
        of({ kind: 'signal', signal: 'sends-external' }, 'annotation', 'not from the definition'),
        of({ kind: 'signal', signal: 'money' }, 'name', 'another signal'),
        of({ kind: 'signal', signal: 'sends-external' }, 'schema', 'takes a recipient (`to`)'),
      ],
      { category: 'write', definitionCategory: 'write', signals: ['sends-external', 'money'] },
    );
    const closed = checkAnnotations({ definition: { annotations: { openWorldHint: false } }, classification: sends });
    expect(closed.disagreements.map((d) => d.text)).toEqual(['Declares openWorldHint: false; it reaches outside its own domain: takes a recipient (`to`)']);
  });

  it('flow roles: a sink from the sending signal, destroys from the last destructive category (an annotation’s too)', () => {
    const classification = rated(
      [
        of({ kind: 'category', category: 'destructive' }, 'name', 'verb “purge” in the name'),
        of({ kind: 'signal', signal: 'bulk' }, 'schema', 'parameter `all`'),
        of({ kind: 'signal', signal: 'sends-external' }, 'schema', 'takes a recipient (`to`)'),
        of(
          { kind: 'category', category: 'destructive', because: 'the worse reading wins' },
          'annotation',
          'destructiveHint: true on a tool that looks like a read',
        ),
        of({ kind: 'level', level: 'critical' }, 'name', 'a level'),
        of({ kind: 'category', category: 'write' }, 'schema', 'another category'),
      ],
      { category: 'destructive', definitionCategory: 'destructive', signals: ['bulk', 'sends-external'] },
    );
    const roles = flowRoles({ definition: { name: 'frob_widget' }, parameters: [], classification });
    expect(roles).toContainEqual({ role: 'sink', source: 'schema', detail: 'takes a recipient (`to`)' });
    expect(roles).toContainEqual({
      role: 'destroys',
      source: 'annotation',
      detail: 'rated destructive: destructiveHint: true on a tool that looks like a read',
    });
  });
});
