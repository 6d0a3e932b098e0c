/** Tool-poisoning detector: text in a description aimed at the model rather than the user. */
export interface SuspiciousFinding {
  reason: string;
  /** The offending text, at most 120 characters, invisible characters shown as \u{...}. */
  excerpt: string;
}

const INSTRUCTION_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(ignore|disregard|forget) (all |any )?(the )?(previous|prior|above|earlier) (instructions|prompts?|rules)/i, 'tells the model to ignore its instructions'],
  [/\b(do not|don't|never) (tell|inform|mention|reveal|show)( this)? (to )?the user/i, 'asks the model to hide something from the user'],
  [/<\s*(important|system|secret|instructions?|hidden)\s*>/i, 'carries a hidden instruction block'],
  [/\bbefore (using|calling|running) (any|every|all) (other )?tools?\b/i, 'asks to run something before any other tool'],
  [/(~\/\.ssh|id_rsa|\.aws\/credentials|\.env\b|\/etc\/passwd|mcp\.json)/i, 'points at secrets on the user’s machine'],
  [/\b(instead of|rather than) (using |calling )?(the )?[\w.-]+ tool\b/i, 'redirects calls meant for another tool'],
  [/\bwhen (the user|you) (calls?|uses?) (the )?[\w.-]+ (tool )?(from|on|of) (another|other|the [\w-]+) server\b/i, 'refers to another server’s tools'],
];

// Zero-width, bidi controls and Unicode tag characters hide text from the reader.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/u;
const ENCODED_BLOB = /[A-Za-z0-9+/]{160,}={0,2}/;

export function showInvisible(text: string): string {
  return text.replace(new RegExp(INVISIBLE.source, 'gu'), (ch) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`);
}

function excerptAround(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20);
  const raw = text.slice(start, Math.min(text.length, index + Math.max(length, 1) + 20));
  const shown = showInvisible(raw).replace(/\s+/g, ' ').trim();
  return shown.length > 120 ? `${shown.slice(0, 119)}…` : shown;
}

export function findSuspiciousText(description: string | undefined): SuspiciousFinding[] {
  if (!description) return [];
  const findings: SuspiciousFinding[] = [];
  for (const [pattern, reason] of INSTRUCTION_PATTERNS) {
    const match = pattern.exec(description);
    if (match) findings.push({ reason, excerpt: excerptAround(description, match.index, match[0].length) });
  }
  const invisible = INVISIBLE.exec(description);
  if (invisible) findings.push({ reason: 'contains invisible Unicode characters', excerpt: excerptAround(description, invisible.index, 1) });
  const blob = ENCODED_BLOB.exec(description);
  if (blob) findings.push({ reason: 'contains a long encoded blob', excerpt: `${blob[0].slice(0, 60)}… (${blob[0].length} characters)` });
  return findings;
}
