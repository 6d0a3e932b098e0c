import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import { levelRank, type Level } from '../../src/core/risk.ts';
import { HELD_OUT_THIRD } from '../fixtures/heldout-third.ts';

// The third held-out set (see the fixture): rated by hand before the classifier ran. A `?` part is
// not asserted.

/** Wrong today, left so on purpose: a fix would take a rule that misfires elsewhere, or one name's special case. */
const KNOWN_ERRORS: Record<string, string> = {
  slack_upload_file: 'a file shared into a channel reaches its members, but “upload” is a plain write: medium',
  place_order: '“place” is unknown (and a noun in maps tools): other',
  order_food: '“order” is unknown as a verb: other',
  mongodb_update_many: '“many” counts as bulk only for removals (as in the real-names set): medium',
  redis_flushdb: '“every key” in the description is no bulk phrase, and “flushdb” one word: high',
  lambda_update_function_code: 'new code put live, but “code” in a name only says what the tool is about: medium',
  ssm_get_parameter: 'a parameter may be a secret, nothing in the name says so: low',
  az_group_delete: '“group” is too common a word to be infrastructure: high',
  'delete-workspace': '“workspace” is left out of infrastructure nouns (an empty Terraform workspace): high',
  jenkins_build_job: '“build” is a plain write: medium',
  dropbox_create_shared_link: 'a public link opens access, but the first held-out set rates generate_share_link a plain write',
  add_user_to_group: 'a group may be a contact list as well as a permission group: medium',
  youtube_upload_video: 'publishing to the world hides in a privacy enum: medium',
  get_cancellation_policy: '“policy” counts as permissions, and reading permissions rates medium',
  snooze_notification: '“snooze” is unknown (another test uses it as the unknown verb): other',
  like_post: '“like” is as often “similar to”: other',
  reset_password: '“reset” removes: destructive, at the same level',
  deactivate_user: 'locking someone out is a plain write: medium',
  purchase_phone_number: '“purchase” is as often a noun (purchase_history), so no movement without an amount: high',
  create_checkout_session: '“checkout” counts as a money movement, though a session only offers a payment: critical',
  issue_gift_card: '“issue” is mostly a noun: other',
  create_webhook: 'a webhook sends future events out, but nothing is sent now: medium',
  cancel_payment: 'a removal on a payment is financial, at the level expected',
  'drive.files.export': '“files” in the name raises filesystem-path though a drive is no file system: medium',
  classify_text: 'the description opens with “Label”, a write that outweighs the name: write',
  embed_documents: '“embed” is as often putting a widget in a page: other',
  git_push_force: 'a force push rewrites history, but “force” in a name is no flag: write',
  interpret: 'the description says it runs Lua, but `chunk` is no runnable parameter name, so nothing makes it critical: high',
  apt_install: 'installing runs package scripts, but “install” is a plain write: medium',
  set_dns_servers: 'resolvers redirect all traffic, but no word says so: medium',
  get_clipboard: 'a clipboard may hold a password; nothing in the name is sensitive: low',
  list_browser_history: '“history” is too common a word to be personal data: low',
  get_location: '“location” is as often a store or a region: low',
  take_photo: '“take” is unknown (take_screenshot reads through its noun): other',
  restore_snapshot: 'a restore overwrites, but is a plain write: medium',
};

describe('third held-out tools: the category and level a careful engineer gives', () => {
  const cases = HELD_OUT_THIRD.filter((c) => !(c.tool.name in KNOWN_ERRORS) && c.expected !== '?/?');
  it.each(cases.map((c) => [c.tool.name, c] as const))('%s', (_name, { tool, expected }) => {
    const [category, level] = expected.split('/');
    const got = classifyTool(tool);
    if (category !== '?') expect(got.category).toBe(category);
    if (level !== '?') expect(got.level).toBe(level);
  });

  it.each(Object.entries(KNOWN_ERRORS))('known error, not asserted: %s (%s)', (name) => {
    const known = HELD_OUT_THIRD.find((c) => c.tool.name === name);
    expect(known).toBeDefined();
    // Once fixed, it leaves this list.
    const [category, level] = known!.expected.split('/');
    const got = classifyTool(known!.tool);
    expect((category === '?' || got.category === category) && (level === '?' || got.level === level)).toBe(false);
  });

  it('names are unique', () => {
    expect(new Set(HELD_OUT_THIRD.map((c) => c.tool.name)).size).toBe(HELD_OUT_THIRD.length);
  });

  it('locks the accuracy measured when the rules were last changed', () => {
    let agree = 0,
      writersReadOrLow = 0,
      readersHigh = 0;
    for (const c of HELD_OUT_THIRD) {
      const [category, level] = c.expected.split('/');
      const got = classifyTool(c.tool);
      if ((category === '?' || got.category === category) && (level === '?' || got.level === level)) agree++;
      // The two costly misses: a tool that changes things shown as harmless, a plain reader shown as dangerous.
      if (category !== '?' && category !== 'read' && (got.category === 'read' || got.level === 'low')) writersReadOrLow++;
      if (category === 'read' && level !== '?' && levelRank(level as Level) <= levelRank('medium') && levelRank(got.level) >= levelRank('high')) readersHigh++;
    }
    expect(HELD_OUT_THIRD.length).toBe(301);
    expect(agree).toBeGreaterThanOrEqual(261);
    expect(writersReadOrLow).toBeLessThanOrEqual(1);
    expect(readersHigh).toBeLessThanOrEqual(0);
  });
});
