import { RECOMMENDED_LIMITS } from './catalog/recommend.ts';
import type { Category, Level } from './risk.ts';

/** One-line explanations shown on browse pages and the methodology page. */
export const LEVEL_INTROS: Record<Level, string> = {
  low: `Reads that touch nothing sensitive. Recommended: allowed, ${RECOMMENDED_LIMITS.low.perMinute} calls a minute.`,
  medium:
    'Additive or idempotent writes, reads of personal data, files, URLs or secrets, and tools the definition says little about. Recommended: allowed under a tighter cap and a daily cap.',
  high: 'Deletes, sends to the outside, changes to permissions or credentials, and predefined jobs. Recommended: a person approves each call.',
  critical: 'Arbitrary code, shell or SQL; money movement; infrastructure-scale deletion; permission escalation; suspicious descriptions. Recommended: denied.',
};

export const CATEGORY_INTROS: Record<Category, string> = {
  read: 'Tools that look things up and change nothing.',
  write: 'Tools that create or change data, send messages or start work.',
  destructive: 'Tools that delete, drop, revoke or terminate.',
  execute: 'Tools that run code, shell commands, SQL or jobs.',
  financial: 'Tools that move or commit money.',
  other: 'Tools whose definition does not say what they change.',
};
