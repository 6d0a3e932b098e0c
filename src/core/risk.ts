/** The literal lists of the risk model, defined once and reused by schema, classifier, UI and docs. */
export const CATEGORIES = ['read', 'write', 'destructive', 'execute', 'financial', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];

export const LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export const SIGNALS = [
  'shell-command',
  'code-eval',
  'raw-sql',
  'filesystem-path',
  'fetches-url',
  'sends-external',
  'credentials',
  'permissions',
  'money',
  'bulk',
  'raw-html',
  'personal-data',
  'suspicious-description',
] as const;
export type Signal = (typeof SIGNALS)[number];

export const EVIDENCE_SOURCES = ['name', 'title', 'description', 'schema', 'annotation', 'override'] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

export const CATEGORY_LABELS: Record<Category, string> = {
  read: 'Read',
  write: 'Write',
  destructive: 'Destructive',
  execute: 'Execute',
  financial: 'Financial',
  other: 'Other',
};

export const LEVEL_LABELS: Record<Level, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};

export const SIGNAL_LABELS: Record<Signal, string> = {
  'shell-command': 'Runs shell commands',
  'code-eval': 'Evaluates code',
  'raw-sql': 'Runs raw SQL',
  'filesystem-path': 'Takes file-system paths',
  'fetches-url': 'Fetches URLs',
  'sends-external': 'Sends to the outside',
  credentials: 'Touches credentials',
  permissions: 'Changes permissions',
  money: 'Moves money',
  bulk: 'Acts in bulk',
  'raw-html': 'Accepts HTML or templates',
  'personal-data': 'Handles personal data',
  'suspicious-description': 'Suspicious description',
};

export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/** Below this confidence the rating is a cautious guess, and the badge and the page say so. */
export const LOW_CONFIDENCE = 0.4;
export const isLowConfidence = (confidence: number) => confidence < LOW_CONFIDENCE;
