import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import type { Category } from '../../src/core/risk.ts';

const categoryOf = (name: string) => classifyTool({ name }).category;
const capital = (word: string) => word[0]!.toUpperCase() + word.slice(1);

/** One action written in every naming style tools use. */
function styles(verb: string, noun: string, plural: string): string[] {
  return [
    `${verb}_${noun}`, // snake
    `${verb}-${noun}`, // kebab
    `${verb}${capital(noun)}`, // camel
    `${capital(verb)}${capital(noun)}`, // Pascal
    `${verb.toUpperCase()}_${noun.toUpperCase()}`, // screaming snake
    `${noun}.${verb}`, // dotted, verb last
    `${plural}.${verb}`,
    `${plural}-${verb}`, // kebab, verb last
    `${plural}_${verb}`,
  ];
}

const ACTIONS: ReadonlyArray<[string, string, string, Category]> = [
  ['delete', 'file', 'files', 'destructive'],
  ['drop', 'table', 'tables', 'destructive'],
  ['create', 'issue', 'issues', 'write'],
  ['update', 'ticket', 'tickets', 'write'],
  ['send', 'email', 'emails', 'write'],
  ['list', 'issue', 'issues', 'read'],
  ['get', 'user', 'users', 'read'],
  ['run', 'workflow', 'workflows', 'execute'],
  ['refund', 'payment', 'payments', 'financial'],
];

describe('the same verb in every naming style', () => {
  describe.each(ACTIONS)('%s %s', (verb, noun, plural, category) => {
    it.each(styles(verb, noun, plural))(`%s is ${category}`, (name) => {
      expect(categoryOf(name)).toBe(category);
    });
  });
});

describe('vendor prefixes before the verb', () => {
  const prefixes = ['acme_', 'acme-', 'Acme.', 'acmeCloud_', 'device_', 'browser_'];
  it.each(ACTIONS.flatMap(([verb, noun, , category]) => prefixes.map((prefix) => [`${prefix}${verb}_${noun}`, category] as const)))(
    '%s is %s',
    (name, category) => {
      expect(categoryOf(name)).toBe(category);
    },
  );

  it.each([
    ['acme_monitor_create', 'write'],
    ['acme_monitor_delete', 'destructive'],
    ['acme_monitor_list', 'read'],
    ['acme_monitor_run', 'execute'],
    ['acme_search', 'read'],
    ['device_take_screenshot', 'read'],
    ['device_open_url', 'write'],
    ['git_fetch', 'write'],
    ['git_diff', 'read'],
  ] as const)('%s is %s: a noun after the prefix is not the verb', (name, category) => {
    expect(categoryOf(name)).toBe(category);
  });
});

describe('nouns that look like verbs', () => {
  it.each([
    // post
    ['get_post', 'read'],
    ['list_posts', 'read'],
    ['blog_post_delete', 'destructive'],
    ['post_message', 'write'],
    // message
    ['list_messages', 'read'],
    ['message_user', 'write'],
    // log
    ['pods_log', 'read'],
    ['get_logs', 'read'],
    ['log_event', 'write'],
    // status
    ['get_status', 'read'],
    ['build_status', 'read'],
    ['update_status', 'write'],
    // order
    ['order_status', 'read'],
    ['get_order', 'read'],
    ['create_order', 'financial'],
    // charge
    ['get_charge', 'read'],
    ['charge_card', 'financial'],
    // commit, branch, pull request
    ['get_commit', 'read'],
    ['list_branches', 'read'],
    ['get_pull_request', 'read'],
    ['list_merge_requests', 'read'],
    ['merge_pull_request', 'write'],
    // comment, tag, schedule
    ['get_comments', 'read'],
    ['comment_on_issue', 'write'],
    ['get_tag', 'read'],
    ['tag_resource', 'write'],
    ['list_schedules', 'read'],
    ['schedule_meeting', 'write'],
    // two verbs joined by and/or: the worse counts
    ['get_or_create_label', 'write'],
    ['find_and_delete_duplicates', 'destructive'],
  ] as const)('%s is %s', (name, category) => {
    expect(categoryOf(name)).toBe(category);
  });
});

describe('a dotted name ends with its method', () => {
  // `resource.method` (SDK and RPC style): the last segment is the action even when the word is
  // as often a noun; in snake case the same word at the end still names a thing (`blog_post`).
  it.each([
    ['Issues.Lock', 'write'],
    ['gmail.messages.trash', 'destructive'],
    ['calendar.events.patch', 'write'],
    ['wallet.transfer', 'financial'],
    ['tickets.transfer', 'write'],
    ['comments.post', 'write'],
    ['pods.logs', 'read'],
    ['issue_lock', 'other'],
    ['blog_post', 'other'],
  ] as const)('%s is %s', (name, category) => {
    expect(categoryOf(name)).toBe(category);
  });
});
