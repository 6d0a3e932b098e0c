/** A client's JSON file written back in its own layout: its indentation and its line breaks. */

/** The file's own indentation (its first indented line), so a merge does not reformat it. */
export function indentOf(text: string): string {
  return /^([ \t]+)\S/m.exec(text)?.[1] ?? '  ';
}

/** `value` as JSON laid out as `originalText` is (two spaces and LF for a new file), ending with a line break. */
export function jsonInLayoutOf(originalText: string, value: unknown): string {
  const newline = originalText.includes('\r\n') ? '\r\n' : '\n';
  return `${JSON.stringify(value, null, indentOf(originalText)).replace(/\n/g, newline)}${newline}`;
}
