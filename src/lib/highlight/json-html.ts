import { createHighlighter, type ShikiTransformer } from 'shiki';
import { HIGHLIGHT_THEMES, styleToClasses } from './style-classes.ts';

/**
 * Highlighted HTML for a JSON text, as Astro's <Code lang="json"> writes it with `styleToClasses`.
 *
 * Tokenizing is most of a page's render time, and 250,000 policies differ only in their strings.
 * A JSON string without a backslash is one token whatever it says, so the text is highlighted once
 * per shape (every such string replaced by a numbered marker) and the strings put back as text.
 */

let highlighter: ReturnType<typeof createHighlighter> | undefined;

// What Astro's <Code> does to the <pre>: its class names and data-language (the style it adds,
// styleToClasses removes).
const astroPre: ShikiTransformer = {
  name: 'policy-atlas:astro-code',
  pre(node) {
    node.properties.class = String(node.properties.class ?? '').replace(/shiki/g, 'astro-code');
    node.properties.dataLanguage = 'json';
  },
};

async function shikiHtml(code: string): Promise<string> {
  const ready = await (highlighter ??= createHighlighter({ themes: Object.values(HIGHLIGHT_THEMES), langs: ['json'] }));
  return ready.codeToHtml(code.replace(/(?:\r\n|\r|\n)$/, ''), {
    lang: 'json',
    themes: HIGHLIGHT_THEMES,
    defaultColor: 'light',
    transformers: [astroPre, styleToClasses()],
  });
}

// Without backslashes every quote delimits a string. A string whose text needs no escaping in HTML
// becomes a marker; any other is left in the shape and tokenized as it is.
const STRING = /"([^"]*)"/g;
const PLAIN = /^[^&<>]*$/;
const marker = (index: number) => `\uE000${index}\uE001`;
const MARKER = /\uE000(\d+)\uE001/g;

const shapes = new Map<string, string>();
const MAX_SHAPES = 2000;

export async function highlightJsonHtml(json: string): Promise<string> {
  // A backslash splits a string into tokens; a marker character in the text would be taken for one.
  if (/[\\\uE000]/.test(json)) return shikiHtml(json);
  const strings: string[] = [];
  const shape = json.replace(STRING, (whole, text: string) => (PLAIN.test(text) ? `"${marker(strings.push(text) - 1)}"` : whole));
  let html = shapes.get(shape);
  if (html === undefined) {
    html = await shikiHtml(shape);
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(shape, html);
  }
  return html.replace(MARKER, (_, index: string) => strings[Number(index)]!);
}

/** Without the cache, for tests that hold the two equal. */
export const highlightJsonHtmlUncached = shikiHtml;
