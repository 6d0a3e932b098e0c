import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import { HELD_OUT } from '../fixtures/heldout-tools.ts';

// Tools from domains and naming styles the corpus hardly has, rated by hand before the classifier
// ran (see the fixture). A `?` part is one a careful engineer could rate either way: not asserted
// (the fixture says why where it is not obvious).

/** Wrong today, left so on purpose: fixing them would take a rule that misfires elsewhere. */
const KNOWN_ERRORS: Record<string, string> = {
  terraform_destroy: 'destroys infrastructure, but neither “terraform” nor “every resource” is an infrastructure noun; high, not critical',
  'tf-state-show': 'an `address` parameter reads as a postal address (personal data): medium, not low',
  wallet_transfer: 'money moved with no verb read rates high by design, not critical',
  add: '“add” two numbers computes; “add” is a write everywhere else',
  explain_query: 'SQL handed to “explain” counts as run (EXPLAIN ANALYZE does run it): execute/critical',
  redis_flushall: 'one word the tokenizer cannot split: other',
  dig: 'a Unix command name the lexicon lacks: other',
  sign_transaction: 'signing authorizes a money movement, but “transaction” is as often a database word: write/medium',
  issueCertificate: '“issue” is mostly a noun (GitHub issues): other',
  page_oncall: '“page” is mostly a noun (a web page): other',
  download_file: 'downloading to a local `path` writes a file; a `path` may as well be the source: read',
  top_up_balance: '“top up” is two words the lexicon does not join: other',
  bridge_assets: '“assets” is no money noun, so moving them is a write: write/medium',
  burn_tokens: '“burn” is unknown, and in other tools burns subtitles into a video: other',
  approve_token_allowance: 'an allowance lets a contract spend money, but “approve” is a plain write: write/high',
  speak: 'a speaker saying text aloud: “speak” and “say” are unknown, other',
  page_go_back: '“go” is unknown (and names the Go language in Go tools): other',
  generate_password: 'a generated password is handed back, but `generate_api_key` creates one in a service: write/high',
  HGETALL: 'one word the tokenizer cannot split: other',
  timeout_member: '“timeout” is as often a setting as an action: other',
  enrich_company: '“enrich” may look a company up or store what it finds: other',
};

describe('held-out tools: the category and level a careful engineer gives', () => {
  const cases = HELD_OUT.filter((c) => !(c.tool.name in KNOWN_ERRORS) && c.expected !== '?/?');
  it.each(cases.map((c) => [c.tool.name, c] as const))('%s', (_name, { tool, expected }) => {
    const [category, level] = expected.split('/');
    const got = classifyTool(tool);
    if (category !== '?') expect(got.category).toBe(category);
    if (level !== '?') expect(got.level).toBe(level);
  });

  it.each(Object.entries(KNOWN_ERRORS))('known error, not asserted: %s (%s)', (name) => {
    expect(HELD_OUT.some((c) => c.tool.name === name)).toBe(true);
  });
});
