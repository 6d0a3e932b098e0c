import type { Classification } from '../classify/classify-tool.ts';
import type { Category, Signal } from '../risk.ts';

export interface AbusePattern {
  title: string;
  text: string;
}

const BY_SIGNAL: Partial<Record<Signal, AbusePattern>> = {
  'shell-command': {
    title: 'Command injection',
    text: 'Text the agent reads (a web page, an issue, a file) can carry a command; once passed through, it runs with the server’s rights on its host.',
  },
  'code-eval': { title: 'Injected code', text: 'A prompt-injected agent can hand over code that reads cookies, tokens or files and sends them elsewhere.' },
  'raw-sql': {
    title: 'Arbitrary SQL',
    text: 'A statement built from untrusted text can read every table, or change and drop data when the connection allows writes.',
  },
  'filesystem-path': {
    title: 'Path traversal',
    text: 'Paths such as ../../ or ~/.ssh reach files outside the intended folder: keys, .env files, other projects.',
  },
  'fetches-url': {
    title: 'Exfiltration through URLs and SSRF',
    text: 'An agent can be steered to a URL that embeds private data in its query string, or to internal addresses (cloud metadata, admin panels).',
  },
  'sends-external': {
    title: 'Data leaves through messages',
    text: 'A poisoned document can make the agent send private data, or spam and phishing, in your name.',
  },
  credentials: {
    title: 'Credential theft',
    text: 'Secrets returned to the agent end up in its context and logs, and a later injected instruction can pass them on.',
  },
  permissions: { title: 'Privilege escalation', text: 'A changed role or policy can hand an attacker lasting access that outlives the session.' },
  money: { title: 'Money leaves', text: 'Injected or mistaken calls can pay, refund or transfer amounts nobody approved; some cannot be reversed.' },
  bulk: { title: 'Blast radius', text: 'Flags such as force, recursive or a list of ids turn one mistaken call into many changes at once.' },
  'raw-html': {
    title: 'Stored script injection',
    text: 'HTML or templates written through this tool can carry scripts that run for whoever views the result.',
  },
  'personal-data': {
    title: 'Exposure of personal data',
    text: 'Personal details read by the agent can be quoted back, logged, or exfiltrated by a prompt injection.',
  },
  'suspicious-description': {
    title: 'Tool poisoning',
    text: "A text the model reads (the description, the title, a parameter's description or allowed values) carries instructions aimed at it: the server may be trying to steer your agent.",
  },
};

const BY_CATEGORY: Record<Category, AbusePattern> = {
  read: {
    title: 'Prompt-injected exfiltration',
    text: 'What this tool returns enters the agent’s context; an instruction hidden in that data can make the agent pass private results to a tool that writes or sends.',
  },
  write: {
    title: 'Unwanted changes',
    text: 'An agent misled by injected text can create or overwrite records, and a loop can do it hundreds of times a minute.',
  },
  destructive: { title: 'Irreversible loss', text: 'One injected or mistaken call deletes data or infrastructure; without backups there is no undo.' },
  execute: { title: 'Full takeover', text: 'Running arbitrary code or commands gives whoever controls the agent’s input the server’s full rights.' },
  financial: { title: 'Financial loss', text: 'Calls move or commit money; an agent looping or misled by injected text can do real damage quickly.' },
  other: {
    title: 'Unknown effects',
    text: 'The definition says little about what the tool does, so its effects cannot be ruled out; keep it behind a limit until you know.',
  },
};

/** What can go wrong with a tool: its category's pattern, then one per signal it carries. */
export function abusePatterns(classification: Classification): AbusePattern[] {
  const patterns = [BY_CATEGORY[classification.category]];
  for (const signal of classification.signals) {
    const pattern = BY_SIGNAL[signal];
    if (pattern) patterns.push(pattern);
  }
  return patterns;
}
