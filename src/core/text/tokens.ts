/** Words of an identifier in any naming style: snake, kebab, camel, Pascal, dotted, spaced. */
export function nameTokens(name: string): string[] {
  return (
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
      // HTTPServer -> HTTP Server. A lookahead, not `([A-Z]+)([A-Z][a-z])`, which retried every start of a capital run.
      .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
      .replace(/([A-Za-z])([0-9])/g, '$1 $2')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
  );
}

/** Lower-case words of free text, for phrase matching. */
export function textWords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}
