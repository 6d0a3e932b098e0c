import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import type { Tool } from '../../src/core/schema/server.ts';

// Where the rules written from real servers' names (tests/fixtures/heldout-real-names.ts) stop:
// each rule beside a name it must leave alone.

type Property = { type: string; enum?: readonly string[] };
const schema = (properties: Record<string, string | Property>): Tool['inputSchema'] => ({
  type: 'object',
  properties: Object.fromEntries(
    Object.entries(properties).map(([k, v]) => [
      k,
      typeof v !== 'string' ? v : v.endsWith('[]') ? { type: 'array', items: { type: v.slice(0, -2) } } : { type: v },
    ]),
  ),
});
const tool = (name: string, properties: Record<string, string | Property>): Tool => ({ name, inputSchema: schema(properties) });

describe('rules from real names, and where they stop', () => {
  it.each([
    // A new message for a person or a channel sends; one for an assistant's thread, or a pin, does not.
    ['create_message', { channel_id: 'string', content: 'string' }, 'write', 'high'],
    ['create_message', { thread_id: 'string', content: 'string' }, 'write', 'medium'],
    ['pin_message', { channel: 'string', message_id: 'string' }, 'write', 'medium'],
    // A draft reaches no one; sending it does.
    ['create_draft', { to: 'string', subject: 'string', body: 'string' }, 'write', 'medium'],
    ['send_draft', { draft_id: 'string' }, 'write', 'high'],
    // The infrastructure noun that is removed, not one that qualifies the thing removed.
    ['delete_database_user', { user: 'string' }, 'destructive', 'high'],
    ['delete_instance_in_region', { instance_id: 'string' }, 'destructive', 'critical'],
    ['delete_all_messages', { channel: 'string' }, 'destructive', 'critical'],
    ['database_delete', { name: 'string' }, 'destructive', 'critical'],
    // Prices are catalogue data; invoices and subscriptions are someone's money.
    ['list_prices', {}, 'read', 'low'],
    ['list_invoices', {}, 'read', 'medium'],
    ['update_price', { price: 'string', unit_amount: 'integer' }, 'write', 'medium'],
    ['list_event_subscriptions', {}, 'read', 'low'],
    ['list_subscriptions', {}, 'read', 'medium'],
    // A query object filters documents; query text on a database tool runs, unless the verb searches
    // (a find's query is what to look for, and names no query language).
    ['find_documents', { database: 'string', query: 'object' }, 'read', 'low'],
    ['find_documents', { database: 'string', query: 'string' }, 'read', 'low'],
    ['run_query', { database: 'string', query: 'string' }, 'execute', 'critical'],
    // SQL named for what it does runs; a setting about SQL does not.
    ['apply_change', { migration_sql: 'string' }, 'execute', 'critical'],
    ['update_settings', { sql_dialect: 'string' }, 'write', 'medium'],
    // Ids beside an adding verb name the new records; beside a removal, many existing ones.
    ['add_documents', { ids: 'string[]', documents: 'string[]' }, 'write', 'medium'],
    ['delete_documents', { ids: 'string[]' }, 'destructive', 'critical'],
    // Prefixes and new verbs.
    ['unpin_message', { message_id: 'string' }, 'write', 'medium'],
    ['rerun_job', { job_id: 'string' }, 'execute', 'high'],
    ['upgrade_release', { release: 'string' }, 'write', 'medium'],
    ['vpn_off', {}, 'write', 'medium'],
    ['ask_question', { question: 'string' }, 'read', 'low'],
    ['ask_for_approval', { request_id: 'string' }, 'write', 'medium'],
    ['generate_code', { prompt: 'string' }, 'read', 'low'],
    ['generate_api_key', { name: 'string' }, 'write', 'high'],
    // With no verb, “a to b” converts; a phone number to call is a recipient.
    ['html_to_markdown', { html: 'string' }, 'read', 'low'],
    ['make_call', { to_number: 'string' }, 'write', 'high'],
    ['make_call', { number_format: 'string' }, 'write', 'medium'],
    ['play_sound', { file: 'string' }, 'write', 'medium'],
    // Credentials and permissions by name.
    ['get_connection_string', { database: 'string' }, 'read', 'medium'],
    ['create_ip_access_list', { cidr: 'string' }, 'write', 'high'],
    ['deploy_app', { app: 'string' }, 'write', 'high'],
  ] as const)('%s %o -> %s / %s', (name, properties, category, level) => {
    const c = classifyTool(tool(name, properties));
    expect([c.category, c.level]).toEqual([category, level]);
  });

  it.each([
    // The URL of something is handed back; a URL one opens, or a parameter, is fetched.
    ['get_project_url', {}, false],
    ['get_url', { url: 'string' }, true],
    ['import_from_url', {}, true],
    ['open_url', {}, true],
    // A fetch of a named record stays in the service; a fetch of a page goes to the web.
    ['fetch_issues', {}, false],
    ['fetch_page', {}, true],
    ['fetch', { url: 'string' }, true],
    // A webhook is a record of where events go: listing one fetches nothing; calling one does.
    ['list_webhook_deliveries', { hook_id: 'integer' }, false],
    ['call_webhook', { webhook_url: 'string' }, true],
  ] as const)('%s fetches a URL: %s', (name, properties, fetches) => {
    expect(classifyTool(tool(name, properties)).signals.includes('fetches-url')).toBe(fetches);
  });
});

// A third held-out audit (tools of servers outside the corpus, rated by hand first): the rules it
// found misleading, each beside a name the rule must still catch.
describe('rules from a third held-out audit, and where they stop', () => {
  it.each([
    // A query made of a filter object and sorts is no SQL; with nowhere to put query text, or with
    // a text parameter that may hold it, “query” beside “database” still counts as running one.
    ['query_database', { database_id: 'string', filter: 'object', sorts: 'array' }, 'read', 'low'],
    ['query_database', { database_id: 'string', statement_text: 'string' }, 'execute', 'critical'],
    ['run_database_query', {}, 'execute', 'critical'],
    // After a verb that looks, a removal word names what is looked at; joined by “and”, it is done.
    ['get_purge_status', { purge_id: 'string' }, 'read', 'low'],
    ['preview_delete', { item_id: 'string' }, 'read', 'low'],
    ['dry_run_cleanup', { older_than_days: 'integer' }, 'read', 'low'],
    ['preview_deploy', { site_id: 'string' }, 'write', 'high'],
    ['view_delete', { view_id: 'string' }, 'destructive', 'high'],
    // A check of whether an action may happen asks a question; a check joined to the action does it.
    ['check_can_delete', { resource_id: 'string' }, 'read', 'low'],
    ['verify_if_user_exists', { email: 'string' }, 'read', 'medium'],
    ['check_and_delete_expired', { older_than: 'string' }, 'destructive', 'high'],
    // Sent with an amount, what goes is money, whatever the asset is called; without one, a message.
    ['send_crypto', { to_address: 'string', amount: 'string', asset: 'string' }, 'financial', 'critical'],
    ['send_message', { chat_id: 'string', text: 'string' }, 'write', 'high'],
    // Tokens counted, metered or priced are model tokens or coins, not secrets; a token got is one.
    ['count_tokens', { text: 'string' }, 'read', 'low'],
    ['get_token_usage', {}, 'read', 'low'],
    ['get_token_price', { symbol: 'string' }, 'read', 'low'],
    ['get_access_token', { client_id: 'string' }, 'read', 'medium'],
    // A service's environment variables hold its secrets; an environment alone does not.
    ['list_env_vars', { service_id: 'string' }, 'read', 'medium'],
    ['setEnvironmentVariable', { key: 'string', value: 'string' }, 'write', 'high'],
    ['get_environment', { environment_id: 'string' }, 'read', 'low'],
    // Who may see or own a thing, and requests for access, are permissions.
    ['set_repo_visibility', { repo: 'string', visibility: { type: 'string', enum: ['public', 'private'] } }, 'write', 'high'],
    ['transfer_ownership', { workspace_id: 'string', new_owner: 'string' }, 'write', 'high'],
    ['approve_access_request', { request_id: 'string' }, 'write', 'high'],
    ['approve_expense_request', { request_id: 'string' }, 'write', 'medium'],
    // What a terminal, shell or running process is sent, it runs; a process as the verb runs nothing.
    ['terminal_send_input', { session_id: 'string', input: 'string' }, 'execute', 'critical'],
    ['interact_with_process', { pid: 'integer', input: 'string' }, 'execute', 'critical'],
    ['start_process', { command: 'string' }, 'execute', 'critical'],
    ['process_text', { input: 'string' }, 'other', 'medium'],
    ['terminal_read_output', { session_id: 'string' }, 'read', 'low'],
    ['explain_terminal_output', { input: 'string' }, 'read', 'low'],
    // An org or a tenant holds everything its members made (a workspace may be an empty Terraform one).
    ['delete_org', { org_id: 'string' }, 'destructive', 'critical'],
    ['deleteTenant', { tenant_id: 'string' }, 'destructive', 'critical'],
    ['remove_org_label', { label_id: 'string' }, 'destructive', 'high'],
    // Computing a label, a place or a transcript hands it back.
    ['classify_text', { text: 'string' }, 'read', 'low'],
    ['geocode', { query: 'string' }, 'read', 'low'],
    ['transcribe_audio', { recording_id: 'string' }, 'read', 'low'],
    // A keychain or keyring stores passwords.
    ['read_keychain_item', { label: 'string' }, 'read', 'medium'],
    ['keyring_set', { service: 'string', value: 'string' }, 'write', 'high'],
    // “request” asks someone for something (as often a noun: an HTTP request, its logs);
    // “load” into a place writes there.
    ['request_review', { pr_number: 'integer', reviewers: 'string[]' }, 'write', 'medium'],
    ['request_logs', { since: 'string' }, 'read', 'low'],
    ['repo_pull_request_thread', { thread_id: 'string' }, 'other', 'medium'],
    ['load_csv_into_table', { table: 'string', source_uri: 'string' }, 'write', 'medium'],
    ['load_page', { page_id: 'string' }, 'read', 'low'],
    // “iam” names where permissions live; granting, attaching or assuming them escalates.
    ['iam_create_user', { user_name: 'string' }, 'write', 'high'],
    ['iam_tag_role', { role_name: 'string', tags: 'object' }, 'write', 'high'],
    ['iam_attach_user_policy', { user_name: 'string', policy_arn: 'string' }, 'write', 'critical'],
    // Sending again sends: “re” before a sending verb.
    ['retweet', { tweet_id: 'string' }, 'write', 'high'],
    ['resend_invitation', { invitation_id: 'string' }, 'write', 'high'],
    ['reopen_issue', { issue_id: 'string' }, 'write', 'medium'],
    // A verb that only means paying moves money, amount or not; other writes on money may not.
    ['buy_domain', { domain: 'string', years: 'integer' }, 'financial', 'critical'],
    ['pay_invoice', { invoice_id: 'string' }, 'financial', 'critical'],
    ['finalize_invoice', { invoice_id: 'string' }, 'financial', 'high'],
    ['find_and_delete_duplicates', { folder_id: 'string' }, 'destructive', 'high'],
    ['force_delete_item', { item_id: 'string' }, 'destructive', 'high'],
  ] as const)('%s %o -> %s / %s', (name, properties, category, level) => {
    const c = classifyTool(tool(name, properties));
    expect([c.category, c.level]).toEqual([category, level]);
  });

  it.each([
    // A description that opens with the noun the name reads (“Refunds issued ...”) names the thing
    // listed; one that opens with another verb (“Records feedback”) still outweighs the name.
    ['list_refunds', 'Refunds issued in a period', 'read', 'medium'],
    ['list_pending_updates', 'Updates waiting to be installed', 'read', 'low'],
    ['list_scheduled_messages', 'Messages queued to go out later', 'read', 'medium'],
    ['search_feedback', 'Records feedback on a search result', 'write', 'medium'],
    // With no verb in the name, a description that opens by paying moves money too.
    ['book_flight', 'Book and pay for a flight', 'financial', 'critical'],
    ['book_flight', 'Hold a seat on a flight for a day', 'write', 'medium'],
  ] as const)('%s (“%s”) -> %s / %s', (name, description, category, level) => {
    const c = classifyTool({ ...tool(name, { since: 'string' }), description });
    expect([c.category, c.level]).toEqual([category, level]);
  });
});
