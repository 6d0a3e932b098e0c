import { describe, expect, it } from 'vitest';
import type { CatalogTool } from '../../src/core/catalog/build-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';
import { toolPage } from '../../src/core/catalog/tool-page.ts';
import { whatWouldSettle } from '../../src/core/catalog/faq.ts';
import { checkAnnotations } from '../../src/core/classify/annotation-check.ts';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import { isLowConfidence } from '../../src/core/risk.ts';
import type { Tool } from '../../src/core/schema/server.ts';
import type { FaqEntry } from '../../src/core/schema/server.ts';
import { catalogOf, SMALL_CATALOG as catalog, smallTool as tool } from '../support/small-catalog.ts';

const faqOf = (t: CatalogTool) => toolPage(t, loadDefinition(t)).faq;
/** The answer to the question that starts with `prefix` (e.g. "What does"). */
function answer(t: CatalogTool, prefix: string): string | undefined {
  return faqOf(t).find((entry) => entry.question.startsWith(`${prefix} `))?.answer;
}

const allTools = catalog.tools.map((t) => [`${t.server.slug}/${t.name}`, t] as [string, CatalogTool]);

describe('FAQ facts from the catalog', () => {
  it('says plainly that nbk_frob_state has no description', () => {
    const text = answer(tool('notebook/nbk_frob_state'), 'What does');
    expect(text).toContain('The Notebook Server publishes no description for nbk_frob_state');
  });

  it('quotes the first sentence of a published description', () => {
    expect(answer(tool('notebook/delete_note'), 'What does')).toBe('Deletes a note for good. (as the Notebook Server describes it)');
  });

  it('names the server, its tool count, package and transport', () => {
    expect(answer(tool('notebook/nbk_frob_state'), 'Which server')).toBe(
      'Notebook Server, which lists 5 tools in this catalog. It is distributed as the npm package notebook-mcp. It speaks MCP over stdio.',
    );
  });

  it.each<[string, string]>([
    ['notebook/delete_note', 'delete_note takes 2 parameters; required: note_id (string) and confirm (boolean).'],
    ['notebook/read_note_file', 'read_note_file takes 3 parameters; required: path (string); optional: head and tail.'],
    ['notebook/list_notes', 'list_notes takes 1 parameter; no required parameters; optional: folder.'],
    ['notebook/write_note', 'write_note takes 3 parameters; required: path (string) and content (string); optional: force.'],
    ['notebook/nbk_frob_state', 'nbk_frob_state takes no input parameters.'],
  ])('parameters of %s', (id, expected) => {
    expect(answer(tool(id), 'What parameters')).toBe(expected);
  });

  it('does not say a tool whose schema takes unnamed keys takes no input', () => {
    const built = catalogOf({
      kv: {
        name: 'KV',
        tools: [{ name: 'put_labels', description: 'Sets labels.', inputSchema: { type: 'object', additionalProperties: { type: 'string' } } }],
      },
    });
    expect(answer(built.tools[0]!, 'What parameters')).toBe(
      'put_labels names no parameters, but its input schema accepts keys it does not name (additionalProperties).',
    );
  });

  it.each(allTools.filter(([, t]) => loadDefinition(t).parameters.some((p) => p.required && !p.path.includes('.'))))(
    'the parameters answer of %s names each required parameter',
    (_id, t) => {
      const text = answer(t, 'What parameters')!;
      for (const p of loadDefinition(t).parameters.filter((p) => p.required && !p.path.includes('.'))) expect(text).toContain(`${p.path} (${p.type})`);
    },
  );

  it.each(allTools)('the rate-limit answer of %s follows the recommended rule', (_id, t) => {
    const { rule } = toolPage(t, loadDefinition(t));
    const text = answer(t, 'How do I rate-limit')!;
    if (rule.limits?.length) {
      expect(text).toContain('The recommended policy already caps it at ');
      expect(text).toContain(`its limit "${rule.limits[0]!.counter}"`);
      // The snippet above holds the limit entry: the answer does not write it out again.
      expect(text).not.toContain('"limits": [');
    } else if (rule.action === 'deny') {
      expect(text).toContain('The recommended policy denies it outright');
      expect(text).toContain(`"counter": "${t.name}_rate"`);
    } else {
      expect(text).toContain('The recommended policy sets no cap.');
    }
  });
});

describe('FAQ structure', () => {
  it.each(allTools)('%s: distinct questions, each with an answer', (_id, t) => {
    const faq = faqOf(t);
    expect(new Set(faq.map((e) => e.question)).size).toBe(faq.length);
    for (const entry of faq) expect(entry.answer.trim()).not.toBe('');
  });

  it.each(allTools.filter(([, t]) => loadDefinition(t).definition.overrides?.faq?.length))("%s: the editors' entries come last, as written", (_id, t) => {
    const own: FaqEntry[] = loadDefinition(t).definition.overrides!.faq!;
    const faq = faqOf(t);
    expect(faq.slice(-own.length)).toEqual(own);
    expect(faq.slice(0, -own.length).map((e) => e.question)).toContain(`How risky is ${t.name}?`);
  });

  it("the catalog has editors' FAQ entries to check", () => {
    expect(allTools.filter(([, t]) => loadDefinition(t).definition.overrides?.faq?.length).length).toBeGreaterThan(0);
  });

  it.each(allTools)('%s: "Does it change anything?" appears only when readOnlyHint is set', (_id, t) => {
    const hint = loadDefinition(t).definition.annotations?.readOnlyHint;
    const text = answer(t, 'Does');
    if (hint === undefined) {
      expect(text).toBeUndefined();
      return;
    }
    expect(faqOf(t)[2]!.question).toBe(`Does ${t.name} change anything?`);
    expect(text).toContain(hint ? `says it only reads (readOnlyHint: true)` : `says it may change things (readOnlyHint: false)`);
    const check = checkAnnotations({ definition: loadDefinition(t).definition, classification: t.classification });
    const agrees = check.appears !== 'other' && !check.disagreements.some((d) => d.hint === 'readOnlyHint');
    expect(text!.endsWith('The classifier agrees.')).toBe(agrees);
  });

  it('the catalog has tools with and without readOnlyHint, of both values', () => {
    const hints = new Set(catalog.tools.map((t) => loadDefinition(t).definition.annotations?.readOnlyHint));
    expect(hints).toEqual(new Set([true, false, undefined]));
  });
});

/** An answer with the tool's own name blanked out: what is left must still depend on the tool. */
const template = (t: CatalogTool, text: string) => text.split(t.name).join('TOOL');

describe.each<[string, string]>([
  ['notebook/read_note_file', 'notebook/write_note'],
  ['notebook/list_notes', 'notebook/delete_note'],
  ['runner/get_status', 'runner/run_command'],
  ['ledger/list_payments', 'ledger/send_payment'],
])('%s and %s', (idA, idB) => {
  const a = tool(idA);
  const b = tool(idB);

  it('are from different categories', () => {
    expect(a.classification.category).not.toBe(b.classification.category);
  });

  it.each(['What does', 'How risky is', 'What parameters does', 'How do I rate-limit'])('get different answers to "%s …"', (prefix) => {
    const answerA = answer(a, prefix);
    const answerB = answer(b, prefix);
    expect(answerA).toBeDefined();
    expect(answerB).toBeDefined();
    expect(template(a, answerA!)).not.toBe(template(b, answerB!));
  });
});

describe('a low-confidence rating: the FAQ says what would settle it', () => {
  const settle = (definition: Tool) => whatWouldSettle({ definition, classification: classifyTool(definition) });

  it.each<[string, Tool, string[]]>([
    [
      'nothing but a name',
      { name: 'esm_frobnicate' },
      [
        'a description that says what the tool does',
        'an input schema that names its parameters',
        "annotations from the server's authors (readOnlyHint, destructiveHint)",
      ],
    ],
    [
      'a vague description, a schema, hints',
      {
        name: 'esm_frobnicate',
        description: 'Handles the thing for the widget.',
        inputSchema: { type: 'object', properties: { widget: { type: 'string' } } },
        annotations: { readOnlyHint: false },
      },
      ['a clearer description, opening with what the tool does (such as "Lists…" or "Deletes…")'],
    ],
    [
      'an empty schema counts as none',
      { name: 'esm_frobnicate', inputSchema: { type: 'object', properties: {} }, annotations: { title: 'Frob' } },
      [
        'a description that says what the tool does',
        'an input schema that names its parameters',
        "annotations from the server's authors (readOnlyHint, destructiveHint)",
      ],
    ],
  ])('%s', (_label, definition, expected) => {
    expect(settle(definition)).toEqual(expected);
  });

  it('nbk_frob_state (no description, an opaque name): the answer names the missing evidence', () => {
    const t = tool('notebook/nbk_frob_state');
    expect(isLowConfidence(t.classification.confidence)).toBe(true);
    expect(answer(t, 'How risky is')).toMatch(
      /The confidence is low, so the rating leans to caution; a description that says what the tool does, .*annotations from the server's authors \(readOnlyHint, destructiveHint\) would settle it\.$/,
    );
  });

  it.each(allTools.filter(([, t]) => !isLowConfidence(t.classification.confidence)))('%s: confident, no such sentence', (_id, t) => {
    expect(answer(t, 'How risky is')).not.toContain('would settle it');
  });
});
