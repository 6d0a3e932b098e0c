/** Tool-poisoning detector: text in a description aimed at the model rather than the user. */
export interface SuspiciousFinding {
  reason: string;
  /** The offending text, at most 120 characters, invisible characters shown as \u{...}. */
  excerpt: string;
}

const SECRET_FILES = String.raw`(?:~\/\.ssh|id_rsa|id_ed25519|\.aws\/credentials|\.env\b|\/etc\/passwd|\/etc\/shadow|mcp\.json|\.netrc|\.npmrc|\.pgpass|\.git-credentials)`;

// Each pattern is an instruction to the model that an honest description has no reason to give.
// Shouting alone ("You MUST call list_tables first") is common in honest servers and is not here.
const INSTRUCTION_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/\b(ignore|disregard|override|forget) (all |any )?(of )?(the |your )?(previous|prior|above|earlier|system|original) (instructions|prompts?|rules|directives)/i, 'tells the model to ignore its instructions'],
  [/\b(do not|don't|never) (tell|inform|mention|reveal|show|disclose)( this| it| anything)? (to )?the user/i, 'asks the model to hide something from the user'],
  [/\bwithout (telling|informing|notifying|alerting) the user\b|\bthe user (must|should) not (know|see|be told)\b/i, 'asks the model to hide something from the user'],
  // Instruction blocks: <IMPORTANT> and <hidden> anywhere; <system> and <secret> only as a closed
  // block, since `--client-secret <secret>` is an honest placeholder.
  [/<\s*(important|hidden|instructions?)\s*>|<\s*(system|secret)\s*>[\s\S]*?<\s*\/\s*\2\s*>/i, 'carries a hidden instruction block'],
  [/\bbefore (using|calling|running) (any|every|all) (other )?tools?\b/i, 'asks to run something before any other tool'],
  // A secret file next to a verb that fetches or hands it over ("read ~/.ssh/id_rsa"); a file
  // type listed as a search example (".env") is not enough, nor is "never read ~/.ssh".
  [new RegExp(String.raw`(?<!\b(?:not|never|n't)\s{1,3})\b(read|open|cat|send|include|pass|upload|attach|copy|print|provide|load|paste|forward)\b[^.\n]{0,60}${SECRET_FILES}`, 'i'), 'points at secrets on the user’s machine'],
  [/\b(instead of|rather than) (using |calling )?(the )?[\w.-]+ tool\b/i, 'redirects calls meant for another tool'],
  [/\bwhen (the user|you) (calls?|uses?) (the )?[\w.-]+ (tool )?(from|on|of) (another|other|the [\w-]+) server\b/i, 'refers to another server’s tools'],
  [/\b(another|other|different) (mcp )?server(s|'s|’s)? tools?\b|\btools? (from|of|on) (another|other|a different) (mcp )?servers?\b/i, 'refers to another server’s tools'],
  [/\bwhen this tool is (available|present|installed|enabled|loaded)\b/i, 'changes how other tools behave when it is installed'],
  [/\b(send|forward|redirect|copy|bcc) (all|every|any) (messages?|emails?|results?|data|outputs?|responses?)\b[^.\n]{0,40}\bto\b/i, 'redirects data to a fixed destination'],
];

// Zero-width, bidi controls, soft hyphens and Unicode tag characters hide text from the reader.
const INVISIBLE_ALL = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|[\u{E0000}-\u{E007F}]/gu;
// U+200D also joins emoji (👩🏽‍💻): between two pictographs it hides nothing.
const PICTOGRAPH_BEFORE = /[\p{Extended_Pictographic}\p{Emoji_Modifier}]\uFE0F?$/u;
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;
const ENCODED_BLOBS: ReadonlyArray<[RegExp, string]> = [
  [/[A-Za-z0-9+/]{160,}={0,2}/, 'contains a long encoded blob'],
  [/\b[0-9a-fA-F]{128,}\b/, 'contains a long hex blob'],
];

export function showInvisible(text: string): string {
  return text.replace(INVISIBLE_ALL, (ch) => `\\u{${ch.codePointAt(0)!.toString(16).toUpperCase()}}`);
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
  const seen = new Set<string>();
  for (const [pattern, reason] of INSTRUCTION_PATTERNS) {
    const match = pattern.exec(description);
    if (match && !seen.has(reason)) {
      seen.add(reason);
      findings.push({ reason, excerpt: excerptAround(description, match.index, match[0].length) });
    }
  }
  const invisible = hiddenCharacter(description);
  if (invisible !== undefined) findings.push({ reason: 'contains invisible Unicode characters', excerpt: excerptAround(description, invisible, 1) });
  for (const [pattern, reason] of ENCODED_BLOBS) {
    const blob = pattern.exec(description);
    if (!blob) continue;
    findings.push({ reason, excerpt: `${blob[0].slice(0, 60)}… (${blob[0].length} characters)` });
    break;
  }
  return findings;
}

/** Where the first invisible character is, emoji joiners aside. */
function hiddenCharacter(text: string): number | undefined {
  for (const match of text.matchAll(INVISIBLE_ALL)) {
    const joinsEmoji = match[0] === '\u200D'
      && PICTOGRAPH_BEFORE.test(text.slice(Math.max(0, match.index - 4), match.index))
      && PICTOGRAPH_AFTER.test(text.slice(match.index + 1, match.index + 3));
    if (!joinsEmoji) return match.index;
  }
  return undefined;
}
