/**
 * What a parameter means depends on where it sits and what sits beside it: a `script` in a list of
 * browser actions is not the tool running code, a `to` beside `from` and `relationType` is not a
 * recipient.
 */
import type { Parameter } from '../input-schema/parameters.ts';

const segments = (p: Parameter) => p.path.split('.');
const bare = (segment: string) => segment.replace('[]', '').toLowerCase();
const parentOf = (p: Parameter) => segments(p).slice(0, -1).join('.');
export const nameOf = (p: Parameter) => bare(segments(p).at(-1)!);

/** The parameters beside `p` in the same object. */
export function siblings(p: Parameter, parameters: readonly Parameter[]): Parameter[] {
  const parent = parentOf(p);
  return parameters.filter((q) => q !== p && parentOf(q) === parent);
}

// Containers of settings for a side feature (`scrapeOptions`, `launch_config`).
const SETTINGS = /(options|opts|config|configuration|settings|preferences)$/i;
// Lists whose items are themselves what runs (`commands[].command`, `statements[].sql`).
const RUNNABLE_LISTS = new Set(['command', 'commands', 'script', 'scripts', 'statement', 'statements', 'query', 'queries', 'sql', 'code', 'snippets', 'cells']);

/**
 * A parameter that is the tool's own input: at the top level, or in plain wrapper objects, or in a
 * list of runnable items. One inside a list of other things (`actions[].script`) or under a
 * settings object is a detail of a side feature, not what the tool does.
 */
export function isMainInput(p: Parameter): boolean {
  const ancestors = segments(p).slice(0, -1);
  if (ancestors.some((a) => RUNNABLE_LISTS.has(bare(a)))) return true;
  return ancestors.every((a) => !a.endsWith('[]') && !SETTINGS.test(a.replace('[]', '')));
}

/** Parameter names that mean code, a command or a query only in some tools: `code` is as often a country code. */
export const AMBIGUOUS_RUNNABLE_PARAMS = new Set(['code', 'command', 'commands', 'cmd', 'script', 'snippet', 'js', 'statement', 'argv']);
// What a parameter's or a tool's words say when the text is run.
const RUNS_TEXT =
  /\b(run|runs|execut\w*|evaluat\w*|eval|interpret\w*|shell|bash|terminal|javascript|typescript|python|sql|scripts?|snippets?|source code|code to|program)\b/i;

// Only a running verb: “the code to review” names code, it does not run it.
const RUNNING_VERB = /\b(run|runs|execut\w*|evaluat\w*|eval|interpret\w*)\b/i;

/**
 * The parameter's own description says it holds something to run. For a tool whose verb only reads,
 * naming code or a language is not enough: a running verb must say it.
 */
export function saysItRuns(p: Parameter, toolReads = false): boolean {
  return (toolReads ? RUNNING_VERB : RUNS_TEXT).test(p.description ?? '');
}

/** Fields that come with a message: beside them a `to` is a recipient. */
const MESSAGE_FIELDS = new Set([
  'subject',
  'body',
  'text',
  'message',
  'content',
  'html',
  'body_html',
  'cc',
  'bcc',
  'attachments',
  'template',
  'blocks',
  'msg',
  'sms',
  'caption',
]);
const RECIPIENT_WORDS = /\b(recipients?|e-?mail address(es)?|phone numbers?|send(s|ing)? (it )?to|addressee)\b/i;
/** Names that mean a recipient wherever they sit. */
const RECIPIENT_NAMES = new Set([
  'recipient',
  'recipients',
  'cc',
  'bcc',
  'webhook_url',
  'to_number',
  'to_phone',
  'to_phone_number',
  'to_email',
  'to_address',
  'tonumber',
  'tophone',
  'tophonenumber',
  'toemail',
]);

/**
 * A parameter naming who receives a message. `to` is also an end of a relation, a range or a move
 * (`from`/`to`): it counts only beside message fields, or when its description says so.
 */
export function isRecipient(p: Parameter, parameters: readonly Parameter[]): boolean {
  const name = nameOf(p);
  if (RECIPIENT_NAMES.has(name)) return true;
  if (name !== 'to') return false;
  return siblings(p, parameters).some((q) => MESSAGE_FIELDS.has(nameOf(q))) || RECIPIENT_WORDS.test(p.description ?? '');
}

// `nextPageToken`, `continuationToken`, `max_tokens`: a place in a list or a size, not a secret.
const NOT_A_SECRET = /page|next|continuation|cursor|pagination|sync|max|min|num|count|limit|length|budget/;

/** A parameter that carries a secret: text (not a number or a switch), and not a cursor or a size. */
export function isCredential(p: Parameter): boolean {
  return /^(string|any|string \| null|null \| string|)$/.test(p.type) && !NOT_A_SECRET.test(segments(p).at(-1)!.toLowerCase());
}
