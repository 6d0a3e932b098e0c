/**
 * Text from a server (tool names, its name, its stderr, error messages) reaches our terminal output.
 * Control characters in it could move the cursor, recolour, clear the screen or fake a line of our
 * report; so they are shown as `\u001b`-style escapes instead. Besides C0/C1 controls this covers
 * the Unicode line separators and the bidirectional marks that reorder what is displayed.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every control character escaped, line breaks included: one line, printable as is. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A message we composed over several lines: each line made safe, the breaks between them kept. */
export function terminalSafeLines(text: string): string {
  return text.split('\n').map(terminalSafe).join('\n');
}

/** Server text quoted for a message: cut to `max` characters, then made safe. */
export function quoteForTerminal(text: string, max = 120): string {
  return `"${terminalSafe(text.length > max ? `${text.slice(0, max)}…` : text)}"`;
}
