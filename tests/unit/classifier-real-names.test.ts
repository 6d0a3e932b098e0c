import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import { levelRank, type Level } from '../../src/core/risk.ts';
import { REAL_NAMES, type RealNameCase } from '../fixtures/heldout-real-names.ts';

// Real servers' tool names and parameters (not in the corpus the rules were tuned on), rated by hand
// before the classifier ran (see the fixture). A `?` part is not asserted.

/** Wrong today, left so on purpose (keyed `server:tool`): fixing them would take a rule that misfires elsewhere. */
const KNOWN_ERRORS: Record<string, string> = {
  'chroma:chroma_delete_documents': 'a list of `ids` counts as a bulk removal: critical, not high',
  'chroma:chroma_update_documents': 'a list of `ids` to change counts as bulk (as `tickets_bulk_update` of the first held-out set): high, not medium',
  'docker:push_image': 'a push to a registry publishes, but “push” is a plain write: medium, not high',
  'docker:remove_container': 'a `force` flag counts as a bulk removal: critical, not high',
  'docker:remove_image': 'a `force` flag counts as a bulk removal: critical, not high',
  'exa:deep_researcher_start': '“start” writes; “researcher” is no activity that only looks: write',
  'github:manage_notification_subscription': 'its `action` choices include “delete” (unsubscribe): destructive/high',
  'gmail:batch_modify_emails': '“batch” counts as bulk only for removals: medium, not high',
  'gmail:list_email_labels': '“email” in the name counts as personal data: medium, not low',
  'heroku:pg_kill': 'a `force` flag counts as a bulk removal: critical, not high',
  'mongodb:atlas-inspect-access-list': 'an access list is a permission, and reading permissions rates medium (as `list_roles` does)',
  'mongodb:update-many': '“many” counts as bulk only for removals: medium, not high',
  'neon:explain_sql_statement': 'SQL handed to “explain” counts as run (EXPLAIN ANALYZE does run it): execute/critical',
  'notion-remote:notion-fetch': '“fetch” in a name raises fetches-url: medium, not low',
  'obsidian:obsidian_list_files_in_vault': '“files” in the name raises filesystem-path, though the vault is no file system: medium, not low',
  'perplexity:perplexity_reason': '“reason” is no verb in the lexicon: other',
  'qdrant:qdrant-store': '“store” is a verb only in descriptions: other',
  'redis:dbsize': 'one word the tokenizer cannot split: other',
  'redis:hexists': 'one word the tokenizer cannot split: other',
  'redis:llen': 'one word the tokenizer cannot split: other',
  'redis:lpop': 'the description’s “removes” makes a pop destructive/high',
  'redis:type': '“type” is typing into a page elsewhere: write',
  'supabase:get_cost': '“cost” is a money noun, so reading it is medium',
  'supabase:merge_branch': 'a merge is a plain write: medium; here it reaches production',
  'terraform:create_run': 'creating a run starts a job, but “create” is a plain write: medium',
  'whatsapp:get_last_interaction': '“interaction” is no personal-data word, though it is a message with a contact: low, not medium',
  'figma-dev-mode:create_design_system_rules': 'it hands back text to save, but “create” writes',
  'firebase:firestore_get_documents': '`paths` of documents count as file-system paths: medium, not low',
  'elevenlabs:text_to_speech': 'the description’s “turns” reads as a write (turn on): write, defensible, as it saves a file',
  'elevenlabs:isolate_audio': '“isolate” is unknown, so the description’s “removes” (noise) decides: destructive/high',
  'kagi:kagi_search_fetch': '“fetch” ends the name, so it raises fetches-url: medium, not low',
};

const key = (c: RealNameCase) => `${c.server}:${c.tool.name}`;
const parts = (c: RealNameCase) => c.expected.split('/') as [string, string];

function matches(c: RealNameCase): { category: boolean; level: boolean } {
  const [category, level] = parts(c);
  const got = classifyTool(c.tool);
  return { category: category === '?' || got.category === category, level: level === '?' || got.level === level };
}

describe('real servers’ names: the category and level a careful engineer gives', () => {
  const cases = REAL_NAMES.filter((c) => !(key(c) in KNOWN_ERRORS) && c.expected !== '?/?');
  it.each(cases.map((c) => [key(c), c] as const))('%s', (_key, c) => {
    const [category, level] = parts(c);
    const got = classifyTool(c.tool);
    if (category !== '?') expect(got.category).toBe(category);
    if (level !== '?') expect(got.level).toBe(level);
  });

  // A known error that the rules come to get right must leave this list (and the figures below rise).
  it.each(Object.keys(KNOWN_ERRORS))('known error, still wrong: %s', (name) => {
    const c = REAL_NAMES.find((one) => key(one) === name);
    expect(c).toBeDefined();
    const { category, level } = matches(c!);
    expect(category && level).toBe(false);
  });

  it('keys are unique', () => {
    expect(new Set(REAL_NAMES.map(key)).size).toBe(REAL_NAMES.length);
  });

  it('locks the accuracy measured when the set was written', () => {
    let categoryParts = 0,
      categoryRight = 0,
      levelParts = 0,
      levelRight = 0,
      writersReadOrLow = 0,
      readersHigh = 0;
    for (const c of REAL_NAMES) {
      const [category, level] = parts(c);
      const got = classifyTool(c.tool);
      if (category !== '?') {
        categoryParts++;
        if (got.category === category) categoryRight++;
      }
      if (level !== '?') {
        levelParts++;
        if (got.level === level) levelRight++;
      }
      // The two costly misses: a tool that changes things shown as harmless, a plain reader shown as dangerous.
      if (category !== '?' && category !== 'read' && (got.category === 'read' || got.level === 'low')) writersReadOrLow++;
      if (category === 'read' && level !== '?' && levelRank(level as Level) <= levelRank('medium') && levelRank(got.level) >= levelRank('high')) readersHigh++;
    }
    expect({ categoryParts, levelParts }).toEqual({ categoryParts: 500, levelParts: 447 });
    expect(categoryRight).toBeGreaterThanOrEqual(488);
    expect(levelRight).toBeGreaterThanOrEqual(421);
    expect(writersReadOrLow).toBeLessThanOrEqual(0);
    expect(readersHigh).toBeLessThanOrEqual(0);
  });
});
