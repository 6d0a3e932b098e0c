import type { EvidenceSource } from '../risk.ts';
import type { Tool } from '../schema/server.ts';
import { modelTexts, renderPath } from './model-texts.ts';

/** Tool-poisoning detector: text in a tool definition aimed at the model rather than the user. */
export interface SuspiciousFinding {
  reason: string;
  /** The offending text, at most 120 characters, invisible characters shown as \u{...}. */
  excerpt: string;
}

/** A finding and the place in the definition it was found. */
export interface LocatedFinding extends SuspiciousFinding {
  /** `name`, `title`, `annotations.title`, `description`, `inputSchema.properties.path.description`... */
  where: string;
  source: EvidenceSource;
}

/** Only this much of one text is scanned, so hostile text cannot make the scan slow; longer text is a finding. */
export const MAX_SCANNED_CHARS = 100_000;

type Detector = (text: string) => { index: number; length: number } | undefined;

const matching =
  (pattern: RegExp): Detector =>
  (text) => {
    const match = pattern.exec(text);
    return match ? { index: match.index, length: match[0].length } : undefined;
  };

// <system> and <secret> count only as a closed block, since `--client-secret <secret>` is an honest
// placeholder. Found as an opening tag, then a closing one after it: two linear scans, where one
// pattern with a lazy gap between the tags would rescan the text from every opening tag.
const closedBlock = (name: string): Detector => {
  const open = new RegExp(String.raw`<\s{0,8}${name}\s{0,8}>`, 'i');
  const close = new RegExp(String.raw`<\s{0,8}\/\s{0,8}${name}\s{0,8}>`, 'gi');
  return (text) => {
    const opening = open.exec(text);
    if (!opening) return undefined;
    close.lastIndex = opening.index + opening[0].length;
    const closing = close.exec(text);
    return closing ? { index: opening.index, length: closing.index + closing[0].length - opening.index } : undefined;
  };
};
const eitherOf =
  (...detectors: Detector[]): Detector =>
  (text) => {
    const found = detectors.map((detect) => detect(text)).filter((f) => f !== undefined);
    return found.sort((a, b) => a.index - b.index)[0];
  };

const SECRET_FILES = String.raw`(?:\.ssh\/|~\/\.ssh|id_rsa|id_ed25519|id_ecdsa|\.aws\/credentials|\.kube\/config|\.docker\/config\.json|\.gnupg|\.env\b|\/etc\/passwd|\/etc\/shadow|mcp\.json|\.netrc|\.npmrc|\.pgpass|\.git-credentials|\.(?:bash|zsh)_history)`;

// Each pattern is an instruction to the model that an honest description has no reason to give.
// Shouting alone ("You MUST call list_tables first") is common in honest servers and is not here.
// Every pattern runs in linear time on hostile text: no nested quantifiers, and every gap between
// two parts is bounded ({0,60}), so no starting point rescans the rest of the text.
const INSTRUCTION_DETECTORS: ReadonlyArray<[Detector, string]> = [
  [
    matching(
      /\b(ignore|disregard|override|forget) (all |any )?(of )?(the |your )?(previous|prior|above|earlier|system|original) (instructions|prompts?|rules|directives)/i,
    ),
    'tells the model to ignore its instructions',
  ],
  [
    matching(/\b(do not|don't|never) (tell|inform|mention|reveal|show|disclose)( this| it| anything)? (to )?the user/i),
    'asks the model to hide something from the user',
  ],
  [
    matching(
      /\bwithout (telling|informing|notifying|alerting) the user\b|\bthe user (must|should) not (know|see|be told)\b|\b(hide|conceal|keep) (this|it|that)( secret| hidden)? from the user\b/i,
    ),
    'asks the model to hide something from the user',
  ],
  // Instruction blocks: <IMPORTANT> and <hidden> anywhere, <system> and <secret> closed.
  [eitherOf(matching(/<\s{0,8}(important|hidden|instructions?)\s{0,8}>/i), closedBlock('system'), closedBlock('secret')), 'carries a hidden instruction block'],
  [matching(/\bbefore (using|calling|running) (any|every|all) (other )?tools?\b/i), 'asks to run something before any other tool'],
  // A secret file next to a verb that fetches or hands it over ("read ~/.ssh/id_rsa"); a file
  // type listed as a search example (".env") is not enough, nor is "never read ~/.ssh".
  [
    matching(
      new RegExp(
        String.raw`(?<!\b(?:not|never|n't)\s{1,3})\b(read|open|cat|send|include|pass|upload|attach|copy|print|provide|load|paste|forward)\b[^.\n]{0,60}${SECRET_FILES}`,
        'i',
      ),
    ),
    'points at secrets on the user’s machine',
  ],
  [matching(/\b(instead of|rather than) (using |calling )?(the )?[\w.-]{1,64} tool\b/i), 'redirects calls meant for another tool'],
  [
    matching(/\bwhen (the user|you) (calls?|uses?) (the )?[\w.-]{1,64} (tool )?(from|on|of) (another|other|the [\w-]{1,64}) server\b/i),
    'refers to another server’s tools',
  ],
  [
    matching(/\b(another|other|different) (mcp )?server(s|'s|’s)? tools?\b|\btools? (from|of|on) (another|other|a different) (mcp )?servers?\b/i),
    'refers to another server’s tools',
  ],
  [matching(/\bwhen this tool is (available|present|installed|enabled|loaded)\b/i), 'changes how other tools behave when it is installed'],
  [
    matching(/\b(send|forward|redirect|copy|bcc) (all|every|any) (messages?|emails?|results?|data|outputs?|responses?)\b[^.\n]{0,40}\bto\b/i),
    'redirects data to a fixed destination',
  ],
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

interface PlacedFinding extends SuspiciousFinding {
  /** Which of the scanned texts it was found in. */
  text: number;
}

// Texts are scanned joined, one pass per pattern for a whole tool rather than one per string. No
// pattern crosses this separator: their gaps stop at a line break, their \s runs at a NUL.
const SEPARATOR = '\n\u0000';

/** Each reason once, at its first place in the texts; only MAX_SCANNED_CHARS of each text are read. */
function scanTexts(texts: readonly string[]): PlacedFinding[] {
  const scanned = texts.map((t) => (t.length > MAX_SCANNED_CHARS ? t.slice(0, MAX_SCANNED_CHARS) : t));
  const starts: number[] = [];
  let offset = 0;
  for (const t of scanned) {
    starts.push(offset);
    offset += t.length + SEPARATOR.length;
  }
  const joined = scanned.join(SEPARATOR);
  const place = (index: number, length: number, reason: string): PlacedFinding => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    return { reason, excerpt: excerptAround(scanned[lo]!, index - starts[lo]!, length), text: lo };
  };

  const findings: PlacedFinding[] = [];
  const seen = new Set<string>();
  for (const [detect, reason] of INSTRUCTION_DETECTORS) {
    if (seen.has(reason)) continue;
    const found = detect(joined);
    if (found) {
      seen.add(reason);
      findings.push(place(found.index, found.length, reason));
    }
  }
  const invisible = hiddenCharacter(joined);
  if (invisible !== undefined) findings.push(place(invisible, 1, 'contains invisible Unicode characters'));
  for (const [pattern, reason] of ENCODED_BLOBS) {
    const blob = pattern.exec(joined);
    if (!blob) continue;
    findings.push({ ...place(blob.index, 0, reason), excerpt: `${blob[0].slice(0, 60)}… (${blob[0].length} characters)` });
    break;
  }
  // No honest text a model reads runs this long (real ones stay under 15,000 characters), and
  // what lies past the limit goes unread: such a text cannot be vouched for. The loader cuts a
  // description to this very length, so one that reaches it may be the cut head of a longer one.
  const tooLong = texts.findIndex((t) => t.length >= MAX_SCANNED_CHARS);
  if (tooLong >= 0) {
    const length = texts[tooLong]!.length;
    const excerpt =
      length > MAX_SCANNED_CHARS
        ? `${length} characters, the first ${MAX_SCANNED_CHARS} read`
        : `${length} characters, the length longer texts are cut to when read`;
    findings.push({ reason: 'is too long to check in full', excerpt, text: tooLong });
  }
  return findings;
}

/** What in one text speaks to the model rather than the user. */
export function findSuspiciousText(text: string | undefined): SuspiciousFinding[] {
  if (!text) return [];
  return scanTexts([text]).map(({ reason, excerpt }) => ({ reason, excerpt }));
}

// No detector can match in a short run of ASCII letters, digits and underscores (`type`, `string`,
// `repo_id`): skipping them halves the work on a typical schema.
const PLAIN_IDENTIFIER = /^\w{0,100}$/;

/**
 * Poisoning anywhere a model reads: name, titles, description, and every key and string of the
 * input schema. Each reason is reported once, where it shows first.
 */
export function findToolPoisoning(tool: Tool): LocatedFinding[] {
  const { texts: all, unread } = modelTexts(tool);
  const texts = all.filter((t) => !PLAIN_IDENTIFIER.test(t.text));
  const findings: LocatedFinding[] = scanTexts(texts.map((t) => t.text)).map(({ text, ...finding }) => ({
    ...finding,
    where: showInvisible(renderPath(texts[text]!.path)),
    source: texts[text]!.source,
  }));
  if (unread)
    findings.push({
      reason: 'is too large to check in full',
      excerpt: `reading stopped at ${showInvisible(renderPath(unread))}`,
      where: 'inputSchema',
      source: 'schema',
    });
  return findings;
}

/** Where the first invisible character is, emoji joiners aside. */
function hiddenCharacter(text: string): number | undefined {
  for (const match of text.matchAll(INVISIBLE_ALL)) {
    const joinsEmoji =
      match[0] === '\u200D' &&
      PICTOGRAPH_BEFORE.test(text.slice(Math.max(0, match.index - 4), match.index)) &&
      PICTOGRAPH_AFTER.test(text.slice(match.index + 1, match.index + 3));
    if (!joinsEmoji) return match.index;
  }
  return undefined;
}
