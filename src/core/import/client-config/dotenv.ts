/**
 * The variables of a `.env` file, as VS Code's and Cursor's `envFile` reads them: `KEY=value` lines,
 * an optional `export `, `#` comments, values in single or double quotes kept as written inside them.
 */
export function parseDotenv(text: string): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_.-]*)\s*=\s*(.*?)\s*$/.exec(raw);
    if (!match) continue;
    const value = match[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    variables[match[1]!] = quoted ? (quoted[1] === '"' ? quoted[2]!.replace(/\\n/g, '\n') : quoted[2]!) : value.replace(/\s+#.*$/, '');
  }
  return variables;
}
