import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import type { Category, Level, Signal } from '../../src/core/risk.ts';
import type { Tool } from '../../src/core/schema/server.ts';

// The error classes of the accuracy issue, each with tools written for these tests: a word's meaning
// depends on where it sits and what sits beside it.
type Row = [name: string, extra: Partial<Tool>, category: Category, level: Level, present: Signal[], absent: Signal[]];

const str = (description?: string) => ({ type: 'string', ...(description ? { description } : {}) });
const obj = (properties: Record<string, unknown>) => ({ type: 'object', properties });
const list = (properties: Record<string, unknown>) => ({ type: 'array', items: obj(properties) });
const schema = (properties: Record<string, unknown>) => ({ inputSchema: obj(properties) });

function check([name, extra, category, level, present, absent]: Row) {
  const c = classifyTool({ name, ...extra });
  expect([c.category, c.level]).toEqual([category, level]);
  for (const signal of present) expect(c.signals).toContain(signal);
  for (const signal of absent) expect(c.signals).not.toContain(signal);
}

describe('a runnable-sounding parameter counts where the tool takes its input', () => {
  it.each<Row>([
    // Nested in a list of page actions under an options object: a detail of a side feature.
    [
      'web_lookup',
      { description: 'Looks up pages on the web.', ...schema({ q: str(), pageOptions: obj({ steps: list({ kind: str(), script: str() }) }) }) },
      'read',
      'low',
      [],
      ['code-eval'],
    ],
    [
      'search_listings',
      schema({ query: str(), renderSettings: obj({ javascript: str('Snippet to run in the page before reading it.') }) }),
      'read',
      'low',
      [],
      ['code-eval'],
    ],
    ['find_parts', schema({ filters: list({ field: str(), code: str() }) }), 'read', 'low', [], ['code-eval']],
    ['list_jobs', schema({ where: list({ command: str() }) }), 'read', 'low', [], ['shell-command']],
    // The tool's own input: top level, a plain wrapper object, or a list of runnable items.
    ['run_batch', schema({ commands: list({ command: str(), cwd: str() }) }), 'execute', 'critical', ['shell-command'], []],
    ['sandbox', { description: 'Runs Python code in a sandbox.', ...schema({ input: obj({ code: str() }) }) }, 'execute', 'critical', ['code-eval'], []],
    ['apply_statements', schema({ statements: list({ sql: str() }) }), 'execute', 'critical', ['raw-sql'], []],
  ])('%s', (...row) => check(row));
});

describe('`code`, `command`, `script` in another sense', () => {
  it.each<Row>([
    ['lookup_country', schema({ code: str('ISO 3166 alpha-2 country code.') }), 'read', 'low', [], ['code-eval']],
    ['get_airport', { description: 'Gets an airport by its code.', ...schema({ code: str() }) }, 'read', 'low', [], ['code-eval']],
    ['describe_command', schema({ command: str('Name of the CLI subcommand to document.') }), 'read', 'low', [], ['shell-command']],
    ['verify_login', schema({ code: str('The six digits from the authenticator app.') }), 'read', 'low', [], ['code-eval']],
    ['get_movie_script', schema({ script: str('Title of the screenplay.') }), 'read', 'low', [], ['code-eval']],
    // Something says it runs: the parameter, the tool's description, its verb or a name word.
    ['sandbox_python', schema({ code: str('Python source to run.') }), 'execute', 'critical', ['code-eval'], []],
    ['workspace', { description: 'Executes a shell command in the workspace.', ...schema({ command: str() }) }, 'execute', 'critical', ['shell-command'], []],
    ['terminal', schema({ command: str() }), 'execute', 'critical', ['shell-command'], []],
    ['page_evaluate', schema({ script: str() }), 'execute', 'critical', ['code-eval'], []],
  ])('%s', (...row) => check(row));
});

describe('`to` is a recipient only beside a message', () => {
  it.each<Row>([
    // The end of a relation, a range or a move.
    ['create_links', schema({ links: list({ from: str(), to: str(), kind: str() }) }), 'write', 'medium', [], ['sends-external']],
    ['connect_nodes', schema({ from: str(), to: str(), label: str() }), 'write', 'medium', [], ['sends-external']],
    ['move_card', schema({ card: str(), from: str(), to: str() }), 'write', 'medium', [], ['sends-external']],
    ['query_events', schema({ from: { type: 'number' }, to: { type: 'number' }, filter: str() }), 'read', 'low', [], ['sends-external']],
    ['add_edges', schema({ edges: list({ source: str(), to: obj({ id: str() }) }) }), 'write', 'medium', [], ['sends-external']],
    // A recipient: beside a subject or body, or said so.
    ['create_message', schema({ to: str(), subject: str(), body: str() }), 'write', 'high', ['sends-external'], []],
    ['create_invite', schema({ to: str('Email address of the recipient.'), team: str() }), 'write', 'high', ['sends-external'], []],
    ['send_email', schema({ to: str(), subject: str(), body: str() }), 'write', 'high', ['sends-external'], []],
  ])('%s', (...row) => check(row));
});

describe('an HTTP verb in a generated name: the path decides, as in REST', () => {
  it.each<Row>([
    ['API-post-records-query', schema({ filter: obj({}), page_size: { type: 'integer' } }), 'read', 'low', [], ['sends-external']],
    ['post_search', schema({ q: str() }), 'read', 'low', [], ['sends-external']],
    ['postV2Search', {}, 'read', 'low', [], ['sends-external']],
    ['api_post_tickets_count', {}, 'read', 'low', [], []],
    ['API-post-record', schema({ parent: str(), properties: obj({}) }), 'write', 'medium', [], ['sends-external']],
    ['rest_post', { title: 'POST to the API', ...schema({ endpoint_path: str(), payload: obj({}) }) }, 'write', 'medium', [], ['sends-external']],
    ['API-patch-record', schema({ record_id: str() }), 'write', 'medium', [], []],
    ['API-get-record', schema({ record_id: str() }), 'read', 'low', [], []],
    ['API-delete-record', schema({ record_id: str() }), 'destructive', 'high', [], []],
    // Posting a message or to a channel still reaches people.
    ['post_message', schema({ channel: str(), text: str() }), 'write', 'high', ['sends-external'], []],
    ['post_to_channel', schema({ channel: str(), text: str() }), 'write', 'high', ['sends-external'], []],
    ['post_search_digest_to_chat', schema({ room: str() }), 'write', 'high', ['sends-external'], []],
  ])('%s', (...row) => check(row));
});

describe('what the parameters ask for decides whether state changes, not the verb alone', () => {
  it.each<Row>([
    // A top-level list of steps: the tool does the worst of them; a script step acts in the page it drives.
    [
      'fetch_page',
      schema({ url: str(), steps: list({ type: { type: 'string', enum: ['wait', 'click', 'type', 'runScript'] }, script: str() }) }),
      'write',
      'medium',
      [],
      ['code-eval'],
    ],
    ['commit_changes', schema({ changes: list({ op: { type: 'string', enum: ['add', 'edit', 'remove'] }, path: str() }) }), 'destructive', 'high', [], []],
    ['list_changes', schema({ changes: list({ kind: { type: 'string', enum: ['added', 'modified'] } }) }), 'read', 'low', [], []],
    ['list_notifications', schema({ filters: list({ type: { type: 'string', enum: ['comment', 'reply', 'mention'] } }) }), 'read', 'low', [], []],
    [
      'apply_edits',
      schema({ edits: list({ action: { type: 'string', enum: ['insert', 'delete'] }, line: { type: 'integer' } }) }),
      'destructive',
      'high',
      [],
      [],
    ],
    // Under a settings object the steps are a side feature of a read.
    ['search_web', schema({ query: str(), fetchOptions: obj({ steps: list({ type: { type: 'string', enum: ['wait', 'click'] } }) }) }), 'read', 'low', [], []],
  ])('%s', (...row) => check(row));
});

describe('an executing verb whose object only looks', () => {
  it.each<Row>([
    // Running a query that is no SQL (metrics, logs, search) reads; SQL or a database keeps it executing.
    [
      'execute_metrics_query',
      { description: 'Runs a metrics query over a time range.', ...schema({ query: str(), start: str(), end: str() }) },
      'read',
      'low',
      [],
      ['raw-sql'],
    ],
    ['run_log_query', schema({ expression: str('Log filter expression.'), since: str() }), 'read', 'low', [], ['raw-sql']],
    ['exec_search_queries', {}, 'read', 'low', [], []],
    ['run_query', { description: 'Runs a SQL query against the warehouse.' }, 'execute', 'critical', ['raw-sql'], []],
    ['execute_query', { description: 'Executes a query against the reporting database.', ...schema({ query: str() }) }, 'execute', 'critical', ['raw-sql'], []],
    ['run_sql_query', {}, 'execute', 'critical', ['raw-sql'], []],
    // `evaluate` runs code only with code in sight; otherwise it assesses.
    ['evaluate_policy', schema({ principal: str(), action: str() }), 'read', 'medium', ['permissions'], []],
    ['evaluate_answer', schema({ answer: str(), rubric: str() }), 'read', 'low', [], []],
    ['evaluate_expression', schema({ expression: str() }), 'execute', 'critical', ['code-eval'], []],
    ['browser_evaluate', schema({ script: str() }), 'execute', 'critical', ['code-eval'], []],
  ])('%s', (...row) => check(row));
});

describe('a generic verb: the description or the operations say what is done', () => {
  it.each<Row>([
    ['manage_widget_types', { description: 'Lists and describes the widget types on offer.' }, 'read', 'low', [], []],
    ['handle_alerts', { description: 'Shows the alerts still open.' }, 'read', 'low', [], []],
    ['manage_widgets', { description: 'Manage widgets with read and write operations.' }, 'write', 'medium', [], []],
    [
      'manage_widgets',
      { description: 'Lists widgets.', ...schema({ operation: { type: 'string', enum: ['list', 'delete'] } }) },
      'destructive',
      'high',
      [],
      [],
    ],
  ])('%s', (...row) => check(row));
});

describe('a `token` is a secret only as text that is no cursor or size', () => {
  it.each<Row>([
    ['list_boards', schema({ nextPageToken: str(), limit: { type: 'integer' } }), 'read', 'low', [], ['credentials']],
    ['search_tasks', schema({ query: str(), continuation_token: str() }), 'read', 'low', [], ['credentials']],
    ['summarize_thread', schema({ thread_id: str(), max_tokens: { type: 'integer' } }), 'read', 'low', [], ['credentials']],
    ['get_usage', schema({ per_token: { type: 'boolean' } }), 'read', 'low', [], ['credentials']],
    ['connect_account', schema({ api_token: str() }), 'write', 'high', ['credentials'], []],
    ['create_user', schema({ login: str(), password: str() }), 'write', 'high', ['credentials'], []],
  ])('%s', (...row) => check(row));
});

describe('a verb the classifier does not know is no read', () => {
  it.each<Row>([
    // The name opens with a word the description opens with as its verb: that is the action, whatever noun follows.
    ['compact_logs', { description: 'Compacts the log files of a service.' }, 'other', 'medium', [], []],
    ['snooze_history', { description: 'Snooze the alert history for an hour.' }, 'other', 'medium', [], []],
    // A known noun with no such verb still reads; a description that repeats the name as a title opens with no verb.
    ['pods_log', { description: 'Shows the log of a pod.' }, 'read', 'low', [], []],
    ['acme_local_search', { description: 'Acme Local Search over shops near a place.' }, 'read', 'low', [], []],
  ])('%s', (...row) => check(row));
});

// Held-out audit: verbs of domains the corpus hardly has (secrets, billing, mail, chat moderation,
// home automation, Unix commands). Unknown, they left a writer "other" or, worse, read as the noun after them.
describe('verbs from other domains', () => {
  const id = (name: string) => schema({ [name]: str() });
  it.each<Row>([
    ['backup_database', { description: 'Takes a snapshot backup of a database.', ...id('database_id') }, 'write', 'medium', [], []],
    ['rotate_secret', id('secret_id'), 'write', 'high', ['credentials'], []],
    ['finalize_invoice', id('invoice_id'), 'financial', 'high', ['money'], []],
    ['void_invoice', id('invoice_id'), 'financial', 'high', ['money'], []],
    ['trash_message', id('message_id'), 'destructive', 'high', [], []],
    ['empty_trash', {}, 'destructive', 'high', [], []],
    ['forget', id('memory_id'), 'destructive', 'high', [], []],
    ['decline_invitation', id('event_id'), 'write', 'medium', [], []],
    ['block_user', id('user_id'), 'write', 'medium', [], []],
    ['shutdown_instance', id('instance_id'), 'write', 'medium', [], []],
    ['invalidate_cache', schema({ paths: { type: 'array', items: str() } }), 'write', 'medium', [], []],
    ['turn_on_light', id('entity_id'), 'write', 'medium', [], []],
    ['disarm_alarm', id('panel_id'), 'write', 'medium', [], []],
    ['mkdir', id('path'), 'write', 'medium', ['filesystem-path'], []],
    ['chmod', schema({ path: str(), mode: str() }), 'write', 'high', ['permissions'], []],
    ['swap_assets', schema({ from_asset: str(), to_asset: str(), amount: str() }), 'financial', 'critical', ['money'], []],
    ['forecast_spend', { description: 'Predicts next month’s spend from past usage.' }, 'read', 'low', [], []],
    [
      'aggregate',
      { description: 'Run an aggregation pipeline on a collection.', ...schema({ collection: str(), pipeline: { type: 'array' } }) },
      'read',
      'low',
      [],
      [],
    ],
    // The same words where they are no action.
    ['swap_panes', schema({ first: str(), second: str() }), 'write', 'medium', [], ['money']],
    ['list_trash', {}, 'read', 'low', [], []],
    ['get_empty_slots', {}, 'read', 'low', [], []],
  ])('%s', (...row) => check(row));
});

describe('a name that is a money movement, with an amount, moves money', () => {
  it.each<Row>([
    // No verb: the name says what moves, the amount that it moves (high, not critical: no verb was read).
    ['wallet_transfer', schema({ to: str(), amount: str(), asset: str() }), 'financial', 'high', ['money'], []],
    ['bank_payout', schema({ account_id: str(), amount: { type: 'integer' } }), 'financial', 'critical', ['money'], []],
    // Without an amount, or with a verb that reads, nothing moves.
    ['wallet_transfer', schema({ transfer_id: str() }), 'other', 'medium', ['money'], []],
    ['get_payment', schema({ payment_id: str(), amount: { type: 'integer' } }), 'read', 'medium', ['money'], []],
  ])('%s', (...row) => check(row));
});

describe('code or SQL handed to a verb that examines text is read, not run', () => {
  it.each<Row>([
    ['validate_sql', schema({ sql: str() }), 'read', 'low', [], ['raw-sql']],
    ['lint_script', schema({ script: str() }), 'read', 'low', [], ['code-eval']],
    ['parse_query', { description: 'Parses a SQL statement into its syntax tree.', ...schema({ statement: str() }) }, 'read', 'low', [], ['raw-sql']],
    ['convert_code', schema({ code: str('Python source code'), target_language: str() }), 'read', 'low', [], ['code-eval']],
    // Unless the description says it runs what it takes.
    [
      'validate_sql',
      { description: 'Runs the SQL statement in a rolled-back transaction to validate it.', ...schema({ sql: str() }) },
      'execute',
      'critical',
      ['raw-sql'],
      [],
    ],
    // Other reading verbs fetch with what they take: `read_query` runs its SQL.
    ['read_query', schema({ sql: str() }), 'execute', 'critical', ['raw-sql'], []],
  ])('%s', (...row) => check(row));
});

describe('a description that opens with a verb the classifier does not know', () => {
  it.each<Row>([
    // "Sunsets a preview environment": the noun after the unknown verb is what it acts on, not something it shows.
    ['sunset_environment', { description: 'Sunsets a preview environment and its resources.' }, 'other', 'medium', [], []],
    // A description that is itself a noun phrase still names something to look at.
    ['cluster_overview', { description: 'Status of every node in the cluster.' }, 'read', 'low', [], []],
  ])('%s', (...row) => check(row));
});

describe('“Changes ...” opens a description that writes', () => {
  it.each<Row>([
    [
      'workload_size',
      { description: 'Changes the replica count of a workload.', ...schema({ name: str(), replicas: { type: 'integer' } }) },
      'write',
      'medium',
      [],
      [],
    ],
  ])('%s', (...row) => check(row));
});

// Held-out audit, second batch: more verbs of operations, chat, billing and wallets.
describe('more verbs from other domains', () => {
  const id = (name: string) => schema({ [name]: str() });
  const amount = (other: string) => schema({ [other]: str(), amount: { type: 'number' } });
  it.each<Row>([
    ['revert_commit', id('sha'), 'write', 'medium', [], []],
    ['undo_last_change', {}, 'write', 'medium', [], []],
    ['enqueue_job', schema({ queue: str(), payload: obj({}) }), 'write', 'medium', [], []],
    ['emit_event', schema({ topic: str(), payload: obj({}) }), 'write', 'medium', [], []],
    ['silence_alert', id('alert_id'), 'write', 'medium', [], []],
    ['acknowledge_incident', id('incident_id'), 'write', 'medium', [], []],
    ['escalate_ticket', id('ticket_id'), 'write', 'medium', [], []],
    ['alter_table', schema({ table: str(), ddl: str() }), 'write', 'medium', [], []],
    ['vacuum', id('table'), 'write', 'medium', [], []],
    ['expire_key', id('key'), 'write', 'medium', [], []],
    ['reschedule_event', id('event_id'), 'write', 'medium', [], []],
    ['dm_user', schema({ user_id: str(), text: str() }), 'write', 'high', ['sends-external'], []],
    ['decommission_server', id('server_id'), 'destructive', 'high', [], []],
    ['nuke_account', id('account_id'), 'destructive', 'critical', [], []],
    ['teardown_environment', id('env_id'), 'destructive', 'critical', [], []],
    ['deposit_funds', amount('account_id'), 'financial', 'critical', ['money'], []],
    ['reimburse_expense', amount('expense_id'), 'financial', 'critical', ['money'], []],
    ['stake', amount('validator'), 'financial', 'critical', ['money'], []],
    ['wire_funds', amount('iban'), 'financial', 'critical', ['money'], []],
    ['mint_nft', schema({ collection: str(), to: str() }), 'write', 'medium', [], ['money']],
    // `open` a device or a new record changes something; `open` a document reads it.
    ['open_garage', id('door_id'), 'write', 'medium', [], []],
    ['open_pull_request', schema({ title: str(), head: str(), base: str() }), 'write', 'medium', [], []],
    ['open_document', id('document_id'), 'read', 'low', [], []],
  ])('%s', (...row) => check(row));
});

describe('a removal the name or description says is in bulk', () => {
  it.each<Row>([
    ['bulk_delete_records', schema({ filter: obj({}) }), 'destructive', 'critical', ['bulk'], []],
    ['mongo.deleteMany', schema({ collection: str(), filter: obj({}) }), 'destructive', 'critical', ['bulk'], []],
    [
      'purge_messages',
      { description: 'Bulk delete recent messages in a channel.', ...schema({ channel: str(), count: { type: 'integer' } }) },
      'destructive',
      'critical',
      ['bulk'],
      [],
    ],
    // Many things added or changed at once is still an additive write; one removal is no bulk.
    ['batch_create_records', schema({ records: { type: 'array', items: obj({}) } }), 'write', 'medium', [], ['bulk']],
    ['delete_batch_job', schema({ job_id: str() }), 'destructive', 'high', [], ['bulk']],
  ])('%s', (...row) => check(row));
});

describe('acting as someone else escalates permissions', () => {
  it.each<Row>([
    ['impersonate_user', schema({ user_id: str() }), 'write', 'critical', ['permissions'], []],
    ['sign_transaction', schema({ tx: str() }), 'write', 'medium', [], []],
  ])('%s', (...row) => check(row));
});
