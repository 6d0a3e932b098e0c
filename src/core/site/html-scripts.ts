import { createHash } from 'node:crypto';

/**
 * The `<script>` elements of an HTML page, found the way a browser tokenizes: comments and quoted
 * attribute values are skipped, so text such as `content="</script><script>"` is never a script.
 * Enough for well-formed generated HTML, where text content has its `<` escaped.
 */
export interface ScriptElement {
  attributes: string;
  body: string;
}

const RAW_TEXT = /^(script|style|textarea|title)$/i;

export function scriptElements(html: string): ScriptElement[] {
  const scripts: ScriptElement[] = [];
  let i = 0;
  while ((i = html.indexOf('<', i)) !== -1) {
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    const name = /^<\/?([A-Za-z][\w-]*)/.exec(html.slice(i, i + 40));
    if (!name || html[i + 1] === '/') {
      i = name ? html.indexOf('>', i) + 1 || html.length : i + 1;
      continue;
    }
    // Walk the attributes, skipping quoted values, to the end of the start tag.
    let j = i + name[0].length;
    while (j < html.length && html[j] !== '>') {
      const quote = html[j];
      j = quote === '"' || quote === "'" ? (html.indexOf(quote, j + 1) === -1 ? html.length : html.indexOf(quote, j + 1) + 1) : j + 1;
    }
    const attributes = html.slice(i + name[0].length, j);
    i = j + 1;
    const tag = name[1]!.toLowerCase();
    if (RAW_TEXT.test(tag)) {
      const close = html.toLowerCase().indexOf(`</${tag}`, i);
      const end = close === -1 ? html.length : close;
      if (tag === 'script') scripts.push({ attributes, body: html.slice(i, end) });
      i = end;
    }
  }
  return scripts;
}

// Data blocks are never executed, so CSP does not apply to them (JSON-LD is one).
const DATA_BLOCK = /\stype="application\/(ld\+)?json"/;

export function scriptHash(source: string): string {
  return `sha256-${createHash('sha256').update(source, 'utf8').digest('base64')}`;
}

/** Hashes of the executable inline scripts in one HTML page. */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const { attributes, body } of scriptElements(html)) {
    if (/\ssrc=/.test(attributes) || DATA_BLOCK.test(attributes)) continue;
    hashes.push(scriptHash(body));
  }
  return hashes;
}
