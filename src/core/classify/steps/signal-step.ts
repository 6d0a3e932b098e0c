import type { Category, EvidenceSource, Signal } from '../../risk.ts';
import type { Parameter } from '../../input-schema/parameters.ts';
import type { Evidence } from '../evidence.ts';
import { findToolPoisoning } from '../suspicious.ts';
import {
  BULK_FLAGS,
  BULK_LISTS,
  DESCRIPTION_PHRASES,
  MONEY_PARAMS,
  PRICE_NOUNS,
  SENDING_VERBS,
  SENDS_ELSEWHERE,
  SIGNAL_WORDS,
  TEXT_EXAMINING_VERBS,
} from '../lexicon.ts';
import { isFlag, isFreeText, isList } from '../schema-evidence.ts';
import { AMBIGUOUS_RUNNABLE_PARAMS, isCredential, isMainInput, isRecipient, nameOf, saysItRuns } from '../parameter-roles.ts';
import { firstSentence, type ToolFacts } from './tool-facts.ts';
import { nameTokens } from '../../text/tokens.ts';
import type { ReadVerb } from './verb-step.ts';
import { categoryOfWord, type VerbContext } from '../verb.ts';

/** Step 2: the signals the name and parameters raise, in the order first raised. */
export interface SignalFinding {
  signals: readonly Signal[];
  /** The parameter behind a signal, where one is: the executing ones make a tool execute. */
  paramHits: ReadonlyMap<Signal, string>;
  evidence: readonly Evidence[];
}

export const EXECUTING_SIGNALS: readonly Signal[] = ['shell-command', 'code-eval', 'raw-sql'];
// A query runs as SQL where SQL is named; a database alone counts only for a tool that does not search.
const SQL_CONTEXT = /\b(sql|(open)?cypher|postgres(ql)?|mysql|sqlite|select (statements?|quer(y|ies)))\b/i;
// A query language named for the query itself (not a product name given as an example search term).
const QUERY_LANGUAGE = /\b(sql|(open)?cypher|sparql|gremlin|hogql|select statements?)\b/i;
const DATABASE_CONTEXT = /\b(database|db)\b/i;
// Verbs whose `query` is what to look for: keywords, a filter, a question.
const SEARCHING_VERBS = new Set([
  'search',
  'find',
  'lookup',
  'match',
  'filter',
  'browse',
  'list',
  'get',
  'recall',
  'retrieve',
  'fetch',
  'ask',
  'answer',
  'autocomplete',
  'suggest',
  'recommend',
]);
// Stricter, for a name alone: words that only a database query language goes with.
const SQL_WORDS = /\b(sql|(open)?cypher|sparql|gremlin|database|postgres(ql)?|mysql|sqlite)\b/i;
const CREDENTIAL_PARAM = /password|secret|token|api_?key|private_?key|credential/;
const ADDING_VERBS = new Set(['add', 'create', 'insert', 'upsert', 'put', 'append', 'import', 'upload']);
const SQL_PARAM = /(?:^| )sql$|^sql (?:statements?|quer(?:y|ies)|text)$/;
// Name words that tell what a tool is about, not what it does: they count only with a parameter.
const NAME_ALONE_IS_NOT_ENOUGH = new Set<Signal>(['shell-command', 'code-eval', 'raw-sql', 'sends-external']);
// Name words that say the tool runs what it is given (not `code` or `command`, which a tool may only be about).
const RUNNING_NAME_WORDS = new Set([
  'exec',
  'execute',
  'eval',
  'evaluate',
  'run',
  'shell',
  'bash',
  'sh',
  'terminal',
  'repl',
  'kubectl',
  'javascript',
  'python',
  'sql',
  'cypher',
  'process',
]);

// Where typed input runs: `process` only as a noun (`process_text` processes text).
const INTERACTIVE_NAME_WORDS = new Set(['terminal', 'shell', 'bash', 'repl', 'tty', 'pty', 'tmux', 'process']);
const INTERACTIVE_INPUTS = new Set(['input', 'keys', 'stdin', 'line']);

// Read, these name a setting or a person (a page's visibility, a team's members), not who may do what.
// A policy read stays a look at permissions: resource and IAM policies say who may act.
const SETTING_LIKE_PERMISSION_NOUNS = new Set([
  'sharing',
  'visibility',
  'ownership',
  'protection',
  'protect',
  'admin',
  'member',
  'members',
  'collaborator',
  'collaborators',
]);

const SPEAKS_OF_RUNNING = /\b(runs?|running|execut\w*)\b/;

const signalEvidence = (signal: Signal, source: EvidenceSource, detail: string): Evidence => ({ source, detail, kind: 'signal', signal });

/**
 * Signals from name words and parameter names, read after the verb (`category`). Parameters say
 * what a tool takes; name words only say what it is about, so the executing and sending signals
 * need more than a name word. Code, commands and SQL go in free text: a `command` picked from a
 * list runs nothing. A parameter that only sometimes holds code (`code`, `command`, `script`)
 * counts when its own description, the tool's description, its verb or a word of its name says
 * something is run. A verb that examines text (`validate_sql`) runs none of it, unless its
 * description speaks of running.
 */
export function readSignals(facts: ToolFacts, category: Category, verb?: string): SignalFinding {
  const { tool, parameters, params, paramSet, tokens, tokenSet, description, lowerDescription } = facts;
  // A signal counts once, with the evidence that raised it first.
  const raised = new Set<Signal>();
  const evidence: Evidence[] = [];
  const raise = (signal: Signal, source: EvidenceSource, detail: string) => {
    if (raised.has(signal)) return;
    raised.add(signal);
    evidence.push(signalEvidence(signal, source, detail));
  };
  const paramHits = new Map<Signal, string>();

  const toolRunsText =
    category === 'execute' || DESCRIPTION_PHRASES.execute.some((re) => re.test(lowerDescription)) || tokens.some((t) => RUNNING_NAME_WORDS.has(t));
  const examinesText = verb !== undefined && TEXT_EXAMINING_VERBS.has(verb) && !SPEAKS_OF_RUNNING.test(lowerDescription);
  const runs = (p: Parameter, name: string) =>
    !examinesText && isFreeText(p) && isMainInput(p) && (!AMBIGUOUS_RUNNABLE_PARAMS.has(name) || toolRunsText || saysItRuns(p, category === 'read'));
  for (const [signal, words] of Object.entries(SIGNAL_WORDS) as [Signal, { names: readonly string[]; params: readonly string[] }][]) {
    const executing = EXECUTING_SIGNALS.includes(signal);
    const fits = (p: Parameter, name: string) =>
      executing
        ? runs(p, name)
        : signal === 'sends-external'
          ? isRecipient(p, parameters) && !namesADraft(tokenSet)
          : signal !== 'credentials' || isCredential(p);
    const index = parameters.findIndex((p, i) => words.params.includes(params[i]!) && fits(p, params[i]!));
    const secretIndex = signal === 'credentials' && index < 0 ? parameters.findIndex((p, i) => CREDENTIAL_PARAM.test(params[i]!) && isCredential(p)) : -1;
    const paramHit = index >= 0 ? params[index] : secretIndex >= 0 ? params[secretIndex] : undefined;
    if (paramHit) paramHits.set(signal, paramHit);
    const nameHit = words.names.find(
      (w) =>
        tokenSet.has(w) &&
        !(signal === 'fetches-url' && (namesAnAddress(w, tokens, facts.context) || fetchesARecord(w, tokens))) &&
        !(signal === 'credentials' && measuredTokens(w, tokens)) &&
        !(signal === 'permissions' && category === 'read' && SETTING_LIKE_PERMISSION_NOUNS.has(w)),
    );
    if (nameHit && !NAME_ALONE_IS_NOT_ENOUGH.has(signal)) raise(signal, 'name', `“${nameHit}” in the name`);
    else if (paramHit) raise(signal, 'schema', `parameter \`${paramHit}\``);
    else if (nameHit && category === 'execute') raise(signal, 'name', `“${nameHit}” in the name of a tool that executes`);
  }
  // Data sent to an outside address, said in words rather than by a parameter's name.
  const sendsOut = SENDS_ELSEWHERE.exec(lowerDescription);
  if (sendsOut) raise('sends-external', 'description', `the description says it sends data to an outside address (“${sendsOut[0]}”)`);
  // A terminal, shell or running process takes what it is sent as commands (`send_input(input)`).
  // A tool that reads (`explain_terminal_output(input)`) only looks at what it is given.
  if (!paramHits.has('shell-command') && category !== 'read' && tokens.some((t, i) => INTERACTIVE_NAME_WORDS.has(t) && (t !== 'process' || i > 0))) {
    const index = parameters.findIndex((p, i) => INTERACTIVE_INPUTS.has(params[i]!) && isFreeText(p) && isMainInput(p));
    if (index >= 0) {
      paramHits.set('shell-command', params[index]!);
      raise('shell-command', 'schema', `parameter \`${params[index]}\` sent to a terminal or process`);
    }
  }
  // SQL named for what it does (`migrationSql`, `raw_sql`, `sqlStatements`) is SQL all the same.
  const sqlIndex = paramHits.has('raw-sql')
    ? -1
    : parameters.findIndex((p, i) => SQL_PARAM.test(nameTokens(p.path.split('.').pop()!).join(' ')) && runs(p, params[i]!));
  if (sqlIndex >= 0) {
    paramHits.set('raw-sql', params[sqlIndex]!);
    raise('raw-sql', 'schema', `parameter \`${params[sqlIndex]}\``);
  }
  // A connection string carries the database password; a service's environment variables its secrets.
  const keyPhrase =
    /\b(?:(?:api|access|private|secret|ssh|signing|deploy|anon) keys?|connection strings?|env(?:ironment)? var(?:iable)?s?|config vars?)\b/.exec(
      tokens.join(' '),
    );
  if (keyPhrase) raise('credentials', 'name', `“${keyPhrase[0]}” in the name`);
  // An access list says which addresses may connect: a firewall rule. An access request or level says who may.
  const accessList = /\baccess (?:lists?|requests?|levels?|rules?|grants?)\b/.exec(tokens.join(' '));
  if (accessList) raise('permissions', 'name', `“${accessList[0]}” in the name`);
  // A query is SQL (and may change data) on a database tool; elsewhere it is a search. A query
  // object (a document filter) is no text to run.
  const queryInput = parameters.some((p, i) => params[i] === 'query' && isMainInput(p) && isFreeText(p));
  // To a verb that examines text, the query is what it looks at.
  const mayRunQuery = !examinesText && !paramHits.has('raw-sql');
  const queryParam = parameters.find((_p, i) => params[i] === 'query');
  const searches = verb !== undefined && SEARCHING_VERBS.has(verb);
  // A search's query is SQL only when the query itself is said to be (“SQL query to run”), not when the
  // description mentions a database among what is searched.
  const queryIsSql = queryParam !== undefined && QUERY_LANGUAGE.test(queryParam.description ?? '');
  const namesSql = queryIsSql || (!searches && (SQL_CONTEXT.test(description) || SQL_CONTEXT.test(tokens.join(' '))));
  const onADatabase = paramSet.has('database') || DATABASE_CONTEXT.test(description) || DATABASE_CONTEXT.test(tokens.join(' '));
  if (mayRunQuery && queryInput && (namesSql || (onADatabase && !searches))) {
    paramHits.set('raw-sql', 'query');
    raise('raw-sql', 'schema', 'parameter `query` on a database tool');
  } else if (
    mayRunQuery &&
    !queryInput &&
    tokenSet.has('query') &&
    hasRoomForQueryText(parameters) &&
    SQL_WORDS.test(`${tokens.join(' ')} ${firstSentence(description)}`)
  ) {
    paramHits.set('raw-sql', 'query');
    raise('raw-sql', 'name', '“query” in the name of a database tool');
  }
  const moneyParam = params.find((p) => MONEY_PARAMS.has(p));
  const readsPrices = category === 'read' && facts.moneyNoun !== undefined && PRICE_NOUNS.has(facts.moneyNoun);
  if (facts.moneyNoun && !readsPrices) raise('money', 'name', `“${facts.moneyNoun}” in the name`);
  else if (moneyParam) raise('money', 'schema', `parameter \`${moneyParam}\``);
  // Beside a verb that adds, a list of ids names the new records, not many existing ones.
  const adds = verb !== undefined && ADDING_VERBS.has(verb);
  const bulkIndex = parameters.findIndex((p, i) => (BULK_FLAGS.has(params[i]!) && isFlag(p)) || (!adds && BULK_LISTS.has(params[i]!) && isList(p)));
  if (bulkIndex >= 0) raise('bulk', 'schema', `parameter \`${params[bulkIndex]}\``);
  if (category === 'destructive') {
    const bulkWord = bulkRemovalWord(tokens, verb);
    if (bulkWord) raise('bulk', 'name', `“${bulkWord}” beside the verb “${verb}”`);
    const bulkPhrase = BULK_REMOVAL.exec(firstSentence(lowerDescription));
    if (bulkPhrase) raise('bulk', 'description', `the description says it removes in bulk (“${bulkPhrase[0]}”)`);
  }
  // Poisoning anywhere a model reads (name, titles, parameters, enum values...) counts as in the
  // description; each finding is evidence, the signal counts once.
  for (const finding of findToolPoisoning(tool)) {
    const detail = `\`${finding.where}\` ${finding.reason}: “${finding.excerpt}”`;
    if (raised.has('suspicious-description')) evidence.push(signalEvidence('suspicious-description', finding.source, detail));
    else raise('suspicious-description', finding.source, detail);
  }
  return { signals: [...raised], paramHits, evidence };
}

// Beside these, tokens are a model's input or a coin (`count_tokens`, `get_token_price`), not secrets.
const TOKEN_MEASURES = new Set(['count', 'usage', 'limit', 'limits', 'budget', 'price', 'prices', 'cost', 'costs', 'estimate', 'max', 'supply']);
const measuredTokens = (word: string, tokens: readonly string[]) => (word === 'token' || word === 'tokens') && tokens.some((t) => TOKEN_MEASURES.has(t));

// `database_id`, `table_name`: which thing to query, not the query.
const IDENTIFIER_ENDS = new Set(['id', 'ids', 'uuid', 'arn', 'name', 'names']);

/**
 * A query named but not taken as `query` text has somewhere to go: a free-text parameter that is
 * not an identifier, or a schema that lists nothing (the worst case). A query made of a filter
 * object and sorts (`query_database` of a notes app) is no SQL.
 */
function hasRoomForQueryText(parameters: readonly Parameter[]): boolean {
  if (parameters.length === 0) return true;
  return parameters.some((p) => isMainInput(p) && isFreeText(p) && !IDENTIFIER_ENDS.has(nameTokens(p.path.split('.').pop()!).at(-1) ?? ''));
}

// A removal of many at once: `bulk_delete`, `deleteMany`. Added or changed at once, many things are
// still an additive write, and a `batch` after the verb names a thing (`delete_batch_job`).
const BULK_BEFORE_VERB = new Set(['bulk', 'batch', 'mass']);
const BULK_AFTER_VERB = new Set(['many', 'bulk']);
const BULK_REMOVAL =
  /\b(?:bulk|batch|mass)[- ]?(?:delet|remov|purg|eras|destroy|drop)\w*|\b(?:delet|remov|purg|eras|destroy|drop)\w* (?:\w+ )?in (?:bulk|batch(?:es)?)\b/;

function bulkRemovalWord(tokens: readonly string[], verb: string | undefined): string | undefined {
  const at = verb === undefined ? -1 : tokens.indexOf(verb);
  if (at < 0) return undefined;
  if (BULK_BEFORE_VERB.has(tokens[at - 1] ?? '')) return tokens[at - 1];
  return BULK_AFTER_VERB.has(tokens[at + 1] ?? '') ? tokens[at + 1] : undefined;
}

const WEB_WORDS = new Set([
  'url',
  'uri',
  'urls',
  'web',
  'webpage',
  'webpages',
  'page',
  'pages',
  'website',
  'site',
  'html',
  'http',
  'https',
  'content',
  'link',
  'links',
  'doc',
  'docs',
  'documentation',
  'feed',
  'rss',
]);

/** `fetch_container_logs`, `fetch-actor-details`: “fetch” of a record the name names gets it from the tool's own service, not from the web. */
function fetchesARecord(word: string, tokens: readonly string[]): boolean {
  if (word !== 'fetch') return false;
  const after = tokens.slice(tokens.indexOf(word) + 1);
  return after.length > 0 && !after.some((t) => WEB_WORDS.has(t));
}

const URL_WORDS = new Set(['url', 'uri']);
const URL_PREPOSITIONS = new Set(['from', 'to', 'by', 'at', 'with', 'of', 'for', 'via']);

/**
 * `get_project_url`, `getCurrentUrl`: a URL owned by the word before it is what the tool hands back,
 * not a page it fetches (`open_url`, `import_from_url` do fetch one).
 */
function namesAnAddress(word: string, tokens: readonly string[], context: VerbContext): boolean {
  if (!URL_WORDS.has(word)) return false;
  const at = tokens.indexOf(word);
  const before = tokens[at - 1];
  return before !== undefined && !URL_PREPOSITIONS.has(before) && categoryOfWord(before, context) === undefined;
}

/** The executing signals that make a tool execute: from its parameters, or any, when its verb executes. */
export function executingSignals({ signals, paramHits }: SignalFinding, category: Category): Signal[] {
  return EXECUTING_SIGNALS.filter((s) => paramHits.has(s) || (category === 'execute' && signals.includes(s)));
}

const MESSAGE_MAKING_VERBS = new Set(['add', 'create', 'new', 'push', 'put', 'write', 'insert', 'compose']);
const MESSAGE_WORDS = new Set(['message', 'messages', 'sms', 'dm']);
// A person, a channel or a chat, not a thread (an assistant's thread is read by a model).
const MESSAGE_DESTINATION = /^(?:(?:user|channel|chat|conversation|group|room)_?ids?|channel|chat|room)$/;

/** A draft is addressed but kept: its recipients get nothing until something sends it. */
const namesADraft = (tokenSet: ReadonlySet<string>) => tokenSet.has('draft') || tokenSet.has('drafts');

/** A sending verb, or one sent again (`resend`, `retweet`, `republish`). */
const sends = (verb: string) => SENDING_VERBS.has(verb) || (verb.startsWith('re') && SENDING_VERBS.has(verb.slice(2)));

/** Step 3's signal: a write that sends (by its verb, or to a recipient it takes) reaches others. */
export function sendingEvidence({ parameters, tokenSet }: ToolFacts, category: Category, verb: ReadVerb | undefined): Evidence | undefined {
  if (category !== 'write') return undefined;
  if (verb && sends(verb.reading.verb) && verb.reading.sends !== false)
    return signalEvidence('sends-external', verb.source, `verb “${verb.reading.verb}” sends to others`);
  if (namesADraft(tokenSet)) return undefined;
  const recipient = parameters.find((p) => isRecipient(p, parameters));
  if (recipient) return signalEvidence('sends-external', 'schema', `takes a recipient (\`${nameOf(recipient)}\`)`);
  // `push_text_message(userId)`, `conversations_add_message(channel_id)`: a new message put where people read it.
  const destination =
    verb && MESSAGE_MAKING_VERBS.has(verb.reading.verb) && [...tokenSet].some((t) => MESSAGE_WORDS.has(t))
      ? parameters.find((p) => MESSAGE_DESTINATION.test(nameOf(p)))
      : undefined;
  return destination ? signalEvidence('sends-external', 'schema', `a new message for \`${nameOf(destination)}\``) : undefined;
}
