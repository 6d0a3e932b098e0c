import { showInvisible } from '../classify/suspicious.ts';
import type { DefinitionDiff } from './definition-diff.ts';
import type { RugPullKind } from './rug-pull.ts';
import { shownParts, type TextPart } from './text-diff.ts';

/**
 * One diff, as lines of styled runs: the tool page, the feeds and `policy-atlas check` all show these
 * same lines, each in its own markup. Runs hold server text as is: every renderer escapes them.
 */
export interface Segment {
  text: string;
  /** `code`: a name from the server; `added` / `removed`: a run of a word diff. */
  style?: 'code' | 'added' | 'removed';
}

export interface DiffLine {
  /** Set on lines that report a possible rug pull; they come first. */
  flag?: RugPullKind;
  parts: Segment[];
}

const MAX_NAMES = 20;
const MAX_NAME_CHARS = 120;
const MAX_VALUE_CHARS = 200;

const text = (t: string): Segment => ({ text: t });
const clip = (t: string, max: number) => {
  const shown = showInvisible(t);
  return Array.from(shown).length > max ? `${Array.from(shown).slice(0, max).join('')}…` : shown;
};
const code = (t: string): Segment => ({ text: clip(t, MAX_NAME_CHARS), style: 'code' });
const value = (v: unknown): string => clip(JSON.stringify(v) ?? String(v), MAX_VALUE_CHARS);
const fromParts = (parts: readonly TextPart[]): Segment[] => shownParts(parts).map((p) => (p.change ? { text: p.text, style: p.change } : { text: p.text }));
const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);

/** `a, b, c and 4 more`, each name a code run. */
function names<T>(items: readonly T[], show: (item: T) => Segment[]): Segment[] {
  const parts: Segment[] = [];
  items.slice(0, MAX_NAMES).forEach((item, i) => {
    if (i > 0) parts.push(text(', '));
    parts.push(...show(item));
  });
  if (items.length > MAX_NAMES) parts.push(text(` and ${items.length - MAX_NAMES} more`));
  return parts;
}

/** A change from one value to another: what went is removed, what came is added, "not given" is plain. */
function fromTo(before: unknown, after: unknown): Segment[] {
  return [
    before === undefined ? text('not given') : { text: value(before), style: 'removed' },
    text(' → '),
    after === undefined ? text('not given') : { text: value(after), style: 'added' },
  ];
}

export function diffLines(diff: DefinitionDiff): DiffLine[] {
  const lines: DiffLine[] = diff.flags.map((flag) => ({
    flag: flag.kind,
    parts: [
      text(flag.message),
      ...(flag.where ? [text(' at '), code(flag.where)] : []),
      ...(flag.excerpt ? [text(': '), { text: clip(flag.excerpt, MAX_VALUE_CHARS) }] : []),
    ],
  }));
  const line = (...parts: Segment[]) => lines.push({ parts });
  if (diff.title) line(text('Title: '), ...fromTo(diff.title.before, diff.title.after));
  if (diff.description) line(text('Description: '), ...fromParts(diff.description));
  const p = diff.parameters;
  const typed = (s: { path: string; type: string; required: boolean }) => [code(s.path), text(` (${clip(s.type, 40)}${s.required ? ', required' : ''})`)];
  if (p.added.length) line(text(plural(p.added.length, 'Parameter added: ', 'Parameters added: ')), ...names(p.added, typed));
  if (p.removed.length) line(text(plural(p.removed.length, 'Parameter removed: ', 'Parameters removed: ')), ...names(p.removed, typed));
  for (const r of p.retyped.slice(0, MAX_NAMES))
    line(text('Parameter '), code(r.path), text(' retyped: '), { text: clip(r.before, 40), style: 'removed' }, text(' → '), {
      text: clip(r.after, 40),
      style: 'added',
    });
  if (p.madeRequired.length) line(text('Now required: '), ...names(p.madeRequired, (path) => [code(path)]));
  if (p.madeOptional.length) line(text('No longer required: '), ...names(p.madeOptional, (path) => [code(path)]));
  for (const r of p.reworded.slice(0, MAX_NAMES)) line(text('Description of '), code(r.path), text(': '), ...fromParts(r.parts));
  if (p.revalued.length) line(text('Allowed values or default changed: '), ...names(p.revalued, (path) => [code(path)]));
  if (diff.inputSchemaOtherwise) line(text('Input schema changed in details the parameter list does not show'));
  if (diff.outputSchemaChanged) line(text('Output schema changed'));
  for (const a of diff.annotations) line(text('Annotation '), code(a.key), text(': '), ...fromTo(a.before, a.after));
  return lines;
}

const FLAG_LABEL = 'Possible rug pull: ';

/** One line for a terminal, word-diff style (`[-removed-]{+added+}`); the caller makes it terminal-safe. */
export function lineText(line: DiffLine): string {
  const body = line.parts
    .map((s) => {
      const t = s.text.replace(/\s+/g, ' ');
      return s.style === 'added' ? `{+${t}+}` : s.style === 'removed' ? `[-${t}-]` : s.style === 'code' ? `\`${t}\`` : t;
    })
    .join('');
  return line.flag ? `${FLAG_LABEL}${body}` : body;
}

const escapeHtml = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** One line as HTML (for feed readers): every run escaped, diff runs in `<ins>` and `<del>`. */
export function lineHtml(line: DiffLine): string {
  const body = line.parts
    .map((s) => {
      const t = escapeHtml(s.text);
      return s.style === 'added' ? `<ins>${t}</ins>` : s.style === 'removed' ? `<del>${t}</del>` : s.style === 'code' ? `<code>${t}</code>` : t;
    })
    .join('');
  return line.flag ? `<strong>${FLAG_LABEL}</strong>${body}` : body;
}
