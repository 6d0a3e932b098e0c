import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import { listParameters } from '../../src/core/input-schema/parameters.ts';
import { flowRoles } from '../../src/core/flows/roles.ts';
import type { FlowRole } from '../../src/core/flows/role-kinds.ts';
import { EVIDENCE_SOURCES } from '../../src/core/risk.ts';
import type { Tool } from '../../src/core/schema/server.ts';

// Tools written for these tests (no real server's words): each row is a tool and the roles it must play, exactly.
type Row = [name: string, extra: Partial<Tool>, roles: FlowRole[]];

const str = (description?: string) => ({ type: 'string', ...(description ? { description } : {}) });
const schema = (properties: Record<string, unknown>) => ({ inputSchema: { type: 'object', properties } });
const tool = (name: string, description: string, properties: Record<string, unknown> = {}, extra: Partial<Tool> = {}): Partial<Tool> => ({
  name,
  description,
  ...schema(properties),
  ...extra,
});

function rolesOf(name: string, extra: Partial<Tool>) {
  const definition: Tool = { name, ...extra };
  return flowRoles({ definition, parameters: listParameters(definition.inputSchema), classification: classifyTool(definition) });
}

const check = ([name, extra, expected]: Row) => expect(rolesOf(name, extra).map((e) => e.role)).toEqual(expected);

describe('private: reads the user’s own data', () => {
  it.each<Row>([
    ['read_note_file', tool('read_note_file', 'Returns the text of a note on disk.', { path: str() }), ['private']],
    ['list_clients', tool('list_clients', 'Lists the customers of the shop.', { limit: { type: 'number' } }), ['private']],
    ['get_stored_secret', tool('get_stored_secret', 'Returns the value of one stored secret.', { key_name: str() }), ['private']],
    ['list_tables', tool('list_tables', 'Lists the tables of the connected warehouse.'), ['private']],
    ['peek_rows', tool('peek_rows', 'Runs a read-only SQL statement and returns the rows.', { sql: str() }), ['private']],
    ['find_contacts', tool('find_contacts', 'Finds people in the address book.', { q: str() }), ['private']],
  ])('%s', (...row) => check(row));
});

describe('untrusted: takes in what others write', () => {
  it.each<Row>([
    ['web_lookup', tool('web_lookup', 'Searches the web and returns snippets of the results.', { q: str() }), ['untrusted']],
    ['list_ticket_comments', tool('list_ticket_comments', 'Lists the comments on a support ticket.', { ticket_id: str() }), ['untrusted']],
    ['get_issue', tool('get_issue', 'Gets one issue of the tracker.', { id: str() }), ['untrusted']],
    ['read_transcript', tool('read_transcript', 'Returns the spoken words of a talk.', { talk: str() }), ['untrusted']],
  ])('%s', (...row) => check(row));
});

describe('sink: sends outside', () => {
  it.each<Row>([
    ['dispatch_mail', tool('dispatch_mail', 'Sends an e-mail.', { to: str(), subject: str(), body: str() }), ['sink']],
    ['create_issue', tool('create_issue', 'Creates an issue in the tracker.', { title: str(), body: str() }), ['sink']],
    ['upload_asset', tool('upload_asset', 'Uploads a local file to the asset store.', { source: str() }), ['sink']],
    ['notify_hook', tool('notify_hook', 'Calls a webhook with a payload.', { webhook_url: str(), payload: str() }), ['sink']],
    ['page_script', tool('page_script', 'Evaluates JavaScript in the open page.', { script: str() }), ['sink']],
    ['git_push', tool('git_push', 'Pushes local commits to the remote.', { remote: str() }), ['sink']],
  ])('%s', (...row) => check(row));
});

describe('destroys: deletes or overwrites', () => {
  it.each<Row>([
    ['remove_record', tool('remove_record', 'Removes one record.', { id: str() }), ['destroys']],
    ['save_text', tool('save_text', 'Creates a text file, or overwrites the file already there.', { target: str(), text: str() }), ['destroys']],
    ['patch_entry', tool('patch_entry', 'Changes fields of an entry.', { id: str(), fields: str() }, { annotations: { destructiveHint: true } }), ['destroys']],
  ])('%s', (...row) => check(row));
});

describe('several roles at once', () => {
  it.each<Row>([
    ['shell', tool('shell', 'Runs a shell command on the host.', { command: str() }), ['private', 'sink', 'destroys']],
    ['apply_sql', tool('apply_sql', 'Executes SQL statements against the database.', { sql: str() }), ['private', 'destroys']],
    ['read_inbox', tool('read_inbox', 'Lists the newest emails in the inbox.', { count: { type: 'number' } }), ['private', 'untrusted']],
    ['fetch_page', tool('fetch_page', 'Fetches a page and returns its text.', { url: str('Address of the page.') }), ['untrusted', 'sink']],
    ['go_to', tool('browser_navigate', 'Opens a web page in the browser.', { url: str() }), ['untrusted', 'sink']],
  ])('%s', (...row) => check(row));
});

describe('no role', () => {
  it.each<Row>([
    ['current_time', tool('current_time', 'Returns the current date and time.'), []],
    ['generate_bar_chart', tool('generate_bar_chart', 'Generates a bar chart from the given data table.', { data: { type: 'array' } }), []],
    // A URL that is only stored, or that names a record on one service, is no request the agent aims.
    ['create_bookmark', tool('create_bookmark', 'Saves a link to the reading list.', { url: str(), title: str() }), []],
    ['lookup_video', tool('lookup_video', 'Returns the details of a video.', { url: str('Video URL or ID') }), []],
    // A public object written with ids alone carries no text out.
    ['close_issue', tool('close_issue', 'Closes an issue.', { issue_id: str() }), []],
    ['add_reaction', tool('add_reaction', 'Adds an emoji reaction to a post.', { post_id: str(), name: str() }), []],
    ['rename_label', tool('rename_label', 'Renames a label.', { id: str(), new_name: str() }), []],
  ])('%s', (...row) => check(row));
});

describe('evidence', () => {
  it('gives one piece of evidence per role, saying what gave it', () => {
    const roles = rolesOf('dispatch_mail', tool('dispatch_mail', 'Sends an e-mail.', { to: str(), subject: str(), body: str() }));
    expect(roles).toHaveLength(1);
    expect(roles[0]!.detail).toContain('`to`');
    const shell = rolesOf('shell', tool('shell', 'Runs a shell command on the host.', { command: str() }));
    expect(shell.map((e) => e.detail)).toEqual([
      expect.stringContaining('read its files'),
      expect.stringContaining('network'),
      expect.stringContaining('delete'),
    ]);
    for (const e of shell) expect(EVIDENCE_SOURCES).toContain(e.source);
  });

  it('says whether a word came from the name or the description', () => {
    const [fromName] = rolesOf('list_tables', tool('list_tables', 'Lists what the warehouse holds.'));
    expect(fromName!.detail).toBe("reads the user's own data (“tables” in the name)");
    const [fromDescription] = rolesOf('recent', tool('recent', 'Gets recent messages from a channel.', { channel: str() }));
    expect(fromDescription).toMatchObject({ role: 'private', source: 'description' });
  });
});
