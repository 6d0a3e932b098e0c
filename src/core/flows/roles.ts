/**
 * Flow roles: the part a tool can play in a toxic flow, read from its classification and its own
 * definition. Each role comes with the evidence that gave it, as the classification's signals do.
 */
import type { Classification } from '../classify/classify-tool.ts';
import { isMainInput, nameOf } from '../classify/parameter-roles.ts';
import { isFreeText } from '../classify/schema-evidence.ts';
import { leadWords, openingVerb, verbOfWords } from '../classify/verb.ts';
import type { Parameter } from '../input-schema/parameters.ts';
import type { EvidenceSource, Signal } from '../risk.ts';
import type { Tool } from '../schema/server.ts';
import { nameTokens } from '../text/tokens.ts';
import {
  COMPUTING_VERBS,
  IDENTIFYING_WORDS,
  LOADING_VERBS,
  NAME_ONLY,
  OUTBOUND_VERBS,
  OVERWRITES,
  PATH_PARAMETERS,
  PINNED_URL,
  PRIVATE_STORES,
  PUBLIC_MARKERS,
  PUBLIC_OBJECTS,
  THIRD_PARTY_CONTENT,
  THIRD_PARTY_PAIRS,
  URL_OPENING_VERBS,
  URL_PARAMETERS,
  WEB_VERBS,
} from './role-words.ts';
import { FLOW_ROLES, type FlowRole } from './role-kinds.ts';

export interface RoleEvidence {
  role: FlowRole;
  source: EvidenceSource;
  detail: string;
}

/** What roles are read from: a catalog tool has these fields. */
export interface RoleInput {
  definition: Tool;
  parameters: readonly Parameter[];
  classification: Classification;
}

// How many opening words of the description may name what the tool acts on ("Get recent messages from ...").
const LEAD_WINDOW = 6;
const NO_CONTEXT = { git: false, money: false };

interface Found {
  word: string;
  source: EvidenceSource;
}

interface WordSearch {
  set: ReadonlySet<string>;
  pairs?: readonly (readonly [string, string])[];
  /** The tool's verb: a word that is the action is not what it acts on (`release_device`, `review_cluster`). */
  verb?: string;
}

/** The first word in `set` (or a two-word name of `pairs`) in the name, else in the description's opening words. */
function findWord(tokens: readonly string[], lead: readonly string[], { set, pairs = [], verb }: WordSearch): Found | undefined {
  for (const [words, source] of [
    [tokens, 'name'],
    [lead, 'description'],
  ] as const) {
    for (let i = 0; i < words.length; i++) {
      const word = words[i]!;
      const pair = pairs.find(([a, b]) => word === a && words[i + 1] === b);
      if (pair) return { word: pair.join(' '), source };
      if (set.has(word) && word !== verb && (source === 'name' || !NAME_ONLY.has(word))) return { word, source };
    }
  }
  return undefined;
}

const where = (found: Found) => `“${found.word}” in the ${found.source === 'name' ? 'name' : 'opening of the description'}`;

/** The roles a tool can play in a flow, at most one piece of evidence each, in FLOW_ROLES order. */
export function flowRoles({ definition, parameters, classification }: RoleInput): RoleEvidence[] {
  const found = new Map<FlowRole, RoleEvidence>();
  const give = (role: FlowRole, source: EvidenceSource, detail: string) => {
    if (!found.has(role)) found.set(role, { role, source, detail });
  };
  const { category, signals, evidence } = classification;
  const has = (signal: Signal) => signals.includes(signal);
  const signalEvidence = (signal: Signal) => evidence.find((e) => e.kind === 'signal' && e.signal === signal);
  const description = definition.description ?? '';
  const tokens = nameTokens(definition.name);
  const lead = leadWords(description).slice(0, LEAD_WINDOW);
  const textInputs = parameters.filter((p) => isFreeText(p) && isMainInput(p));
  const inputNamed = (set: ReadonlySet<string>) => textInputs.find((p) => set.has(nameOf(p)));
  const verb = (verbOfWords(tokens, NO_CONTEXT) ?? openingVerb(lead, NO_CONTEXT))?.verb;
  const verbIn = (set: ReadonlySet<string>) => verb !== undefined && set.has(verb);
  const reads = category === 'read' || category === 'other' || verbIn(LOADING_VERBS);
  // A tool that makes a table or a chart from its input reads no store, whatever the table is called.
  const readsStore = reads && !verbIn(COMPUTING_VERBS);
  const url = inputNamed(URL_PARAMETERS);
  // Taking a URL is not loading it (`create_bookmark(url)` stores the address), nor is naming a record by its URL.
  const loadsUrl = url !== undefined && (reads || verbIn(URL_OPENING_VERBS)) && !PINNED_URL.test(url.description ?? '');
  const writes = category === 'write';
  // A schema that is missing says nothing; one with only ids and names carries no text out (text nested in lists counts).
  const carriesText =
    definition.inputSchema === undefined || parameters.some((p) => isFreeText(p) && !IDENTIFYING_WORDS.has(nameTokens(nameOf(p)).at(-1) ?? ''));

  // Commands and SQL reach whatever the server can: files, databases, the network.
  if (has('shell-command')) {
    give('private', 'schema', 'runs commands on the machine, which can read its files');
    give('sink', 'schema', 'runs commands, which can reach the network');
    give('destroys', 'schema', 'runs commands, which can delete what the server can reach');
  }
  if (has('raw-sql')) {
    give('private', 'schema', 'runs queries on a database');
    if (!/\bread[- ]only\b/i.test(description)) give('destroys', 'schema', 'runs queries, which can delete or overwrite data');
  }
  if (has('code-eval')) give('sink', 'schema', 'runs code, which can make network requests');

  if (readsStore) {
    const personal = signalEvidence('personal-data');
    const secret = signalEvidence('credentials');
    const path = inputNamed(PATH_PARAMETERS);
    const isPublic = findWord(tokens, lead, { set: PUBLIC_MARKERS });
    const store = isPublic ? undefined : findWord(tokens, lead, { set: PRIVATE_STORES, verb });
    if (personal) give('private', personal.source, `handles personal data (${personal.detail})`);
    else if (secret) give('private', secret.source, `reads credentials (${secret.detail})`);
    else if (path && !loadsUrl) give('private', 'schema', `reads files by path (\`${nameOf(path)}\`)`);
    else if (store) give('private', store.source, `reads the user's own data (${where(store)})`);

    const content = findWord(tokens, lead, { set: THIRD_PARTY_CONTENT, pairs: THIRD_PARTY_PAIRS, verb });
    if (content) give('untrusted', content.source, `reads what others write (${where(content)})`);
  }
  if (verbIn(WEB_VERBS)) give('untrusted', 'name', `verb “${verb}”: it loads pages that anyone can write`);
  if (loadsUrl) {
    give('untrusted', 'schema', `loads the address it is given (\`${nameOf(url)}\`), whose content anyone can write`);
    give('sink', 'schema', `requests the address it is given (\`${nameOf(url)}\`): data can leave in it`);
  }

  const sends = signalEvidence('sends-external');
  if (sends) give('sink', sends.source, sends.detail);
  if (writes || category === 'destructive') {
    const outbound = findWord(tokens, [], { set: OUTBOUND_VERBS });
    if (outbound) give('sink', 'name', `“${outbound.word}” in the name: it moves data to another place`);
  }
  if (writes && carriesText) {
    const publicObject = findWord(tokens, [], { set: PUBLIC_OBJECTS, pairs: THIRD_PARTY_PAIRS, verb });
    if (publicObject) give('sink', 'name', `writes where others read it (${where(publicObject)})`);
  }

  if (category === 'destructive') {
    const why = evidence.findLast((e) => e.kind === 'category' && e.category === 'destructive');
    give('destroys', why?.source ?? 'name', why ? `rated destructive: ${why.detail}` : 'rated destructive');
  } else if (writes) {
    const overwrite = OVERWRITES.exec(description.toLowerCase());
    if (overwrite) give('destroys', 'description', `the description says it can overwrite (“${overwrite[0]}”)`);
    else if (definition.annotations?.destructiveHint === true) give('destroys', 'annotation', 'the server marks it destructiveHint: true');
  }

  return FLOW_ROLES.flatMap((role) => found.get(role) ?? []);
}
