import type { Tool } from '../schema/server.ts';
import { CATEGORY_LABELS, isLowConfidence, type Category, type EvidenceSource, type Level, type Signal } from '../risk.ts';
import { nameTokens } from '../text/tokens.ts';
import { listParameters, parameterNames, type Parameter } from '../input-schema/parameters.ts';
import { findToolPoisoning } from './suspicious.ts';
import {
  BULK_FLAGS, BULK_LISTS, CONTENT_PARAMS, DESCRIPTION_PHRASES, EXECUTING_OBJECTS, GIT_VERBS, INFRA_NOUNS, JOB_NOUNS,
  MONEY_CONTEXT_VERBS, MONEY_MOVEMENT_NOUNS, MONEY_NOUNS, MONEY_PARAMS, SAVES_RESULT, SENDING_VERBS, SIGNAL_WORDS,
} from './lexicon.ts';
import { categoryOfWord, descriptionVerb, leadWords, openingVerb, RANK, sharedOpeningWord, verbOfWords, type VerbContext, type VerbReading } from './verb.ts';
import { isFlag, isFreeText, isList, outputParameter, worstOperation } from './schema-evidence.ts';
import type { Evidence } from './evidence.ts';
import { AMBIGUOUS_RUNNABLE_PARAMS, isCredential, isMainInput, isRecipient, nameOf, saysItRuns } from './parameter-roles.ts';


export interface Classification {
  category: Category;
  level: Level;
  signals: Signal[];
  /** What the name, title, description and schema alone say: before annotations and editors. */
  definitionCategory: Category;
  /** 0..1: how much the verdict rests on. */
  confidence: number;
  evidence: Evidence[];
  /** True when the data file's editors set the category or level. */
  overridden: boolean;
  rationale: string;
}

const EXECUTING_SIGNALS: readonly Signal[] = ['shell-command', 'code-eval', 'raw-sql'];
const GENERIC_VERBS = new Set(['manage', 'handle']);
const SQL_CONTEXT = /\b(sql|(open)?cypher|database|table|select|postgres(ql)?|mysql|sqlite)\b/i;
// Stricter, for a name alone: words that only a database query language goes with.
const SQL_WORDS = /\b(sql|(open)?cypher|sparql|gremlin|database|postgres(ql)?|mysql|sqlite)\b/i;
const CREDENTIAL_PARAM = /password|secret|token|api_?key|private_?key|credential/;
// Name words that tell what a tool is about, not what it does: they count only with a parameter.
const NAME_ALONE_IS_NOT_ENOUGH = new Set<Signal>(['shell-command', 'code-eval', 'raw-sql', 'sends-external']);
// Name words that say the tool runs what it is given (not `code` or `command`, which a tool may only be about).
const RUNNING_NAME_WORDS = new Set(['exec', 'execute', 'eval', 'evaluate', 'run', 'shell', 'bash', 'sh', 'terminal', 'repl', 'kubectl', 'javascript', 'python', 'sql', 'cypher']);
const MONEY_AMOUNT_PARAMS = new Set(['amount', 'unit_amount', 'amount_cents']);
const URL_PARAMS = new Set(['url', 'uri', 'href', 'link']);

function firstSentence(description: string): string {
  return description.trim().split(/(?<=[.!?])\s|\n/)[0] ?? '';
}

const describeReading = (r: VerbReading, where: string) => `${r.lead} in the ${where}${r.note ? ` (${r.note})` : ''}`;

/** Classifies one tool from its own definition; an editorial override wins and says so. */
export function classifyTool(tool: Tool, parameters: readonly Parameter[] = listParameters(tool.inputSchema)): Classification {
  const evidence: Evidence[] = [];
  const signals = new Map<Signal, string>();
  const raise = (signal: Signal, source: EvidenceSource, detail: string) => {
    if (signals.has(signal)) return;
    signals.set(signal, detail);
    evidence.push({ source, detail, kind: 'signal', signal });
  };

  const tokens = nameTokens(tool.name);
  const tokenSet = new Set(tokens);
  const description = tool.description ?? '';
  const lowerDescription = description.toLowerCase();
  const params = parameterNames(parameters);
  const paramSet = new Set(params);
  const annotations = tool.annotations ?? {};
  const lead = leadWords(description);
  const git = tokenSet.has('git') || /\bgit\b/i.test(firstSentence(description));
  // In a git tool `checkout` is a command, not a purchase; `transfer_issue` moves no money unless
  // money is in sight (another money noun, or an amount).
  const moneyWords = tokens.filter((t) => MONEY_NOUNS.has(t) && !(git && GIT_VERBS.has(t)));
  const money = moneyWords.some((t) => !MONEY_CONTEXT_VERBS.has(t)) || params.some((p) => MONEY_PARAMS.has(p));
  const moneyNoun = moneyWords.find((t) => money || !MONEY_CONTEXT_VERBS.has(t));
  const context: VerbContext = { git, money };

  // 1. The verb: from the name, else the title, else the description's first sentence.
  let confidence = 0.15;
  let category: Category = 'other';
  let verb: string | undefined;
  let verbReading: VerbReading | undefined;
  let verbSource: EvidenceSource = 'name';
  const recategorize = (next: Category, source: EvidenceSource, detail: string) => {
    evidence.push({ source, detail, kind: 'category', category: next });
    category = next;
  };
  const fromName = verbOfWords(tokens, context);
  const fromTitle = !fromName && tool.title ? verbOfWords(nameTokens(tool.title), context) : undefined;
  const fromDescription = !fromName && !fromTitle ? descriptionVerb(lead, context) : undefined;
  const found = fromName ?? fromTitle ?? fromDescription;
  if (found) {
    verb = found.verb;
    verbReading = found;
    category = found.category;
    const source: EvidenceSource = fromName ? 'name' : fromTitle ? 'title' : 'description';
    verbSource = source;
    confidence = fromName ? 0.55 : fromTitle ? 0.5 : 0.4;
    evidence.push({ source, detail: describeReading(found, source === 'description' ? 'first sentence of the description' : source), kind: 'category', category: found.category });
  }
  // A description that opens with a verb that changes things outweighs a name that reads
  // ("Records feedback ..."); "Executes" counts only with code, commands or SQL in sight.
  if (category === 'read' && !fromDescription) {
    const opening = openingVerb(lead, context);
    const runsCode = lead.slice(0, 6).some((w) => EXECUTING_OBJECTS.has(w));
    if (opening && !opening.joined && RANK[opening.category] > RANK.read && (opening.category !== 'execute' || runsCode)) {
      recategorize(opening.category, 'description', describeReading(opening, 'first sentence of the description'));
      verb = opening.verb;
      verbReading = opening;
      verbSource = 'description';
    }
  }
  // A noun that reads (`logs` in `rotate_logs`) says nothing when the name opens with a verb the
  // classifier does not know: the description opening with that same word shows it is the verb.
  const unknownVerb = fromName?.noun ? sharedOpeningWord(tokens, lead) : undefined;
  if (unknownVerb && unknownVerb !== fromName!.verb && categoryOfWord(unknownVerb, context) === undefined) {
    recategorize('other', 'description', `“${unknownVerb}” opens the name and the description: an action, not a look at “${fromName!.verb}”`);
    verb = undefined;
    verbReading = undefined;
    // Nothing says what the action does: the level stays cautious.
    confidence = 0.2;
  }
  // A generic verb (`manage_widgets`) says nothing of what is done: a description that opens with
  // something specific decides (the operations offered in the schema are weighed below).
  if (fromName && GENERIC_VERBS.has(fromName.verb)) {
    const opening = openingVerb(lead, context);
    if (opening && !GENERIC_VERBS.has(opening.verb) && opening.category !== category && opening.category !== 'execute') {
      recategorize(opening.category, 'description', `${describeReading(opening, 'first sentence of the description')}, more specific than “${fromName.verb}”`);
      verb = opening.verb;
      verbReading = opening;
      verbSource = 'description';
    }
  }

  // 2. Signals from name words and parameter names. Parameters say what a tool takes; name words
  // only say what it is about, so the executing and sending signals need more than a name word.
  // Code, commands and SQL go in free text: a `command` picked from a list runs nothing.
  // A parameter that only sometimes holds code (`code`, `command`, `script`) counts when its own
  // description, the tool's description, its verb or a word of its name says something is run.
  const toolRunsText = category === 'execute' || DESCRIPTION_PHRASES.execute.some((re) => re.test(lowerDescription)) || tokens.some((t) => RUNNING_NAME_WORDS.has(t));
  const runs = (p: Parameter, name: string) => isFreeText(p) && isMainInput(p) && (!AMBIGUOUS_RUNNABLE_PARAMS.has(name) || toolRunsText || saysItRuns(p));
  const paramHits = new Map<Signal, string>();
  for (const [signal, words] of Object.entries(SIGNAL_WORDS) as [Signal, { names: readonly string[]; params: readonly string[] }][]) {
    const executing = EXECUTING_SIGNALS.includes(signal);
    const fits = (p: Parameter, name: string) =>
      executing ? runs(p, name) : signal === 'sends-external' ? isRecipient(p, parameters) : signal !== 'credentials' || isCredential(p);
    const index = parameters.findIndex((p, i) => words.params.includes(params[i]!) && fits(p, params[i]!));
    const secretIndex = signal === 'credentials' && index < 0 ? parameters.findIndex((p, i) => CREDENTIAL_PARAM.test(params[i]!) && isCredential(p)) : -1;
    const paramHit = index >= 0 ? params[index] : secretIndex >= 0 ? params[secretIndex] : undefined;
    if (paramHit) paramHits.set(signal, paramHit);
    const nameHit = words.names.find((w) => tokenSet.has(w));
    if (nameHit && !NAME_ALONE_IS_NOT_ENOUGH.has(signal)) raise(signal, 'name', `“${nameHit}” in the name`);
    else if (paramHit) raise(signal, 'schema', `parameter \`${paramHit}\``);
    else if (nameHit && category === 'execute') raise(signal, 'name', `“${nameHit}” in the name of a tool that executes`);
  }
  const keyPhrase = /\b(api|access|private|secret|ssh|signing|deploy) keys?\b/.exec(tokens.join(' '));
  if (keyPhrase) raise('credentials', 'name', `“${keyPhrase[0]}” in the name`);
  // A query is SQL (and may change data) on a database tool; elsewhere it is a search.
  const queryInput = parameters.some((p, i) => params[i] === 'query' && isMainInput(p));
  if (!paramHits.has('raw-sql') && queryInput && (paramSet.has('database') || SQL_CONTEXT.test(description) || SQL_CONTEXT.test(tokens.join(' ')))) {
    paramHits.set('raw-sql', 'query');
    raise('raw-sql', 'schema', 'parameter `query` on a database tool');
  } else if (!paramHits.has('raw-sql') && !queryInput && tokenSet.has('query') && SQL_WORDS.test(`${tokens.join(' ')} ${firstSentence(description)}`)) {
    paramHits.set('raw-sql', 'query');
    raise('raw-sql', 'name', '“query” in the name of a database tool');
  }
  const moneyParam = params.find((p) => MONEY_PARAMS.has(p));
  if (moneyNoun) raise('money', 'name', `“${moneyNoun}” in the name`);
  else if (moneyParam) raise('money', 'schema', `parameter \`${moneyParam}\``);
  const bulkIndex = parameters.findIndex((p, i) => (BULK_FLAGS.has(params[i]!) && isFlag(p)) || (BULK_LISTS.has(params[i]!) && isList(p)));
  if (bulkIndex >= 0) raise('bulk', 'schema', `parameter \`${params[bulkIndex]}\``);
  // Poisoning anywhere a model reads (name, titles, parameters, enum values...) counts as in the description.
  for (const finding of findToolPoisoning(tool)) {
    const detail = `\`${finding.where}\` ${finding.reason}: “${finding.excerpt}”`;
    if (signals.has('suspicious-description')) evidence.push({ source: finding.source, detail, kind: 'signal', signal: 'suspicious-description' });
    else raise('suspicious-description', finding.source, detail);
  }

  // 3. Category refinements: executing parameters, money movement, what the schema says it does.
  const executing = EXECUTING_SIGNALS.filter((s) => paramHits.has(s) || (category === 'execute' && signals.has(s)));
  if (executing.some((s) => paramHits.has(s)) && category !== 'execute') {
    recategorize('execute', 'schema', `takes ${executing.map((s) => `\`${paramHits.get(s)}\``).join(' and ')} to run`);
  }
  const movesMoney = tokens.some((t) => MONEY_MOVEMENT_NOUNS.has(t.replace(/s$/, ''))) || params.some((p) => MONEY_AMOUNT_PARAMS.has(p));
  if ((category === 'write' || category === 'destructive') && moneyNoun) {
    recategorize('financial', 'name', `a ${category === 'write' ? 'write' : 'removal'} on “${moneyNoun}”`);
  }
  // Browser and device automation: opening a URL or setting a form value changes the page.
  const urlParam = params.find((p) => URL_PARAMS.has(p));
  const valueParam = params.find((p) => p === 'value' || p === 'values');
  if (verb === 'open' && category === 'read' && urlParam) {
    recategorize('write', 'schema', `“open” with a \`${urlParam}\` parameter drives a browser or device`);
  } else if (verb === 'select' && category === 'read' && valueParam && params.some((p) => p === 'selector' || p === 'element' || p === 'uid' || p === 'ref')) {
    recategorize('write', 'schema', `“select” with a \`${valueParam}\` for a page element sets a form field`);
  }
  const operation = worstOperation(parameters, context);
  if (operation && (category === 'other' || (category !== 'execute' && category !== 'financial' && RANK[operation.reading.category] > RANK[category]))) {
    recategorize(operation.reading.category, 'schema', `parameter \`${operation.parameter}\` can ask for “${operation.value}”`);
  }
  if (category === 'read' || category === 'other') {
    const output = outputParameter(parameters);
    const saves = SAVES_RESULT.exec(lowerDescription);
    if (output) recategorize('write', 'schema', `parameter \`${output.path}\` saves the result to a file`);
    else if (saves) recategorize('write', 'description', `the description says it saves its result (“${saves[0]}”)`);
  }
  const contentIndex = parameters.findIndex((p, i) => CONTENT_PARAMS.has(params[i]!) && isFreeText(p));
  if (category === 'other' && contentIndex >= 0) {
    recategorize('write', 'schema', `takes \`${params[contentIndex]}\` text to store`);
  }
  const recipient = parameters.find((p) => isRecipient(p, parameters));
  if (category === 'write' && verb && SENDING_VERBS.has(verb) && verbReading?.sends !== false) raise('sends-external', verbSource, `verb “${verb}” sends to others`);
  else if (category === 'write' && recipient) raise('sends-external', 'schema', `takes a recipient (\`${nameOf(recipient)}\`)`);

  // 4. The description backs the verdict or not.
  if (description) {
    const supports = category !== 'other' && DESCRIPTION_PHRASES[category].find((re) => re.test(lowerDescription));
    if (supports) {
      confidence += 0.2;
      evidence.push({ source: 'description', detail: `the description agrees (“${lowerDescription.match(supports)![0]}”)`, kind: 'confidence', direction: 'up' });
    } else if (category === 'other') {
      confidence += 0.1;
    }
    if (category !== 'destructive' && /\b(permanently|irreversibl[ey]|cannot be undone)\b/.test(lowerDescription) && category !== 'execute' && category !== 'financial') {
      recategorize('destructive', 'description', 'the description warns the change is permanent');
    }
  } else {
    evidence.push({ source: 'description', detail: 'no description', kind: 'confidence', direction: 'down' });
  }
  if (params.length > 0) confidence += 0.05;

  // 5. Annotations are untrusted hints: they may support a read, never excuse a write.
  const definitionCategory = category;
  if (annotations.readOnlyHint === true) {
    if (category === 'read' || category === 'other') {
      if (category === 'other') category = 'read';
      confidence += 0.15;
      evidence.push({ source: 'annotation', detail: 'readOnlyHint: true', kind: 'supports', category: 'read' });
    } else {
      confidence -= 0.1;
      evidence.push({ source: 'annotation', detail: `readOnlyHint: true, but the tool looks ${category}`, kind: 'ignored', because: 'annotations never outweigh the name or schema' });
    }
  } else if (category === 'read' && (annotations.readOnlyHint === false || annotations.destructiveHint === true)) {
    category = annotations.destructiveHint === true ? 'destructive' : 'write';
    confidence -= 0.15;
    evidence.push({ source: 'annotation', detail: annotations.destructiveHint === true ? 'destructiveHint: true on a tool that looks like a read' : 'readOnlyHint: false on a tool that looks like a read', kind: 'category', category, because: 'the worse reading wins' });
  } else if (annotations.destructiveHint === false && category === 'destructive') {
    evidence.push({ source: 'annotation', detail: 'destructiveHint: false on a tool that looks destructive', kind: 'ignored' });
  } else if (annotations.destructiveHint === true && category === 'write') {
    evidence.push({ source: 'annotation', detail: 'destructiveHint: true', kind: 'level', level: 'high', atLeast: true, because: 'it may overwrite' });
  }

  // 6. Level from category and signals.
  const has = (s: Signal) => signals.has(s);
  let level: Level;
  const infraNoun = tokens.find((t) => INFRA_NOUNS.has(t));
  switch (category) {
    case 'read':
      level = has('credentials') || has('personal-data') || has('filesystem-path') || has('fetches-url') || has('money') || has('permissions') ? 'medium' : 'low';
      break;
    case 'write':
      level = has('permissions') || has('credentials') || has('sends-external') || has('bulk') || annotations.destructiveHint === true ? 'high' : 'medium';
      if (has('permissions') && tokens.some((t) => ['grant', 'attach', 'escalate', 'admin', 'owner', 'iam', 'assume'].includes(t))) level = 'critical';
      break;
    case 'destructive':
      level = infraNoun || has('bulk') || has('permissions') ? 'critical' : 'high';
      if (infraNoun) evidence.push({ source: 'name', detail: `removes “${infraNoun}”, infrastructure-scale`, kind: 'level', level: 'critical' });
      break;
    case 'execute':
      level = executing.length > 0 || tokens.some((t) => ['eval', 'shell', 'bash', 'exec'].includes(t)) ? 'critical' : 'high';
      if (executing.length === 1 && executing[0] === 'raw-sql' && /\bread[- ]only\b/.test(lowerDescription)) {
        level = 'high';
        evidence.push({ source: 'description', detail: 'SQL said to run read-only', kind: 'level', level: 'high', because: 'it still reads every table it can reach' });
      }
      if (level === 'high' && tokens.some((t) => JOB_NOUNS.has(t))) evidence.push({ source: 'name', detail: 'runs a predefined job', kind: 'level', level: 'high' });
      break;
    case 'financial':
      level = movesMoney && found !== undefined && found.category !== 'destructive' ? 'critical' : 'high';
      break;
    default:
      level = isLowConfidence(confidence) || signals.size > 0 ? 'medium' : 'low';
  }
  if (has('suspicious-description')) level = 'critical';

  confidence = Math.round(Math.min(0.95, Math.max(0.05, confidence)) * 100) / 100;
  const classification: Classification = {
    category, level, signals: [...signals.keys()], definitionCategory, confidence, evidence, overridden: false, rationale: '',
  };
  return applyOverrides(tool, classification);
}

function applyOverrides(tool: Tool, c: Classification): Classification {
  const o = tool.overrides;
  if (o?.category || o?.level) {
    const detail = [o.category && `category ${o.category}`, o.level && `level ${o.level}`].filter(Boolean).join(', ');
    c.evidence.unshift({ source: 'override', detail: `editors set ${detail}`, kind: 'override', replaced: { category: c.category, level: c.level } });
    c.category = o.category ?? c.category;
    c.level = o.level ?? c.level;
    c.overridden = true;
    c.confidence = 1;
  }
  c.rationale = o?.rationale ?? writeRationale(c);
  return c;
}

const REASON_RANK: Partial<Record<Evidence['kind'], number>> = { category: 0, level: 1, signal: 2 };

/** The evidence that moved the rating, strongest first (what set the category, then the level, then signals), as short phrases. */
export function ratingReasons(c: Classification): string[] {
  return c.evidence
    .filter((e) => REASON_RANK[e.kind] !== undefined)
    .sort((a, b) => REASON_RANK[a.kind]! - REASON_RANK[b.kind]!)
    .map((e) => e.detail)
    .slice(0, 4);
}

/** One or two sentences from the evidence. */
export function writeRationale(c: Classification): string {
  const reasons = ratingReasons(c);
  const head = `Rated ${c.level} (${CATEGORY_LABELS[c.category].toLowerCase()})`;
  const body = reasons.length > 0 ? `${head} because of: ${reasons.join('; ')}.` : `${head}: nothing in its name, description or schema says what it does.`;
  const certainty = isLowConfidence(c.confidence) ? ' The evidence is thin, so treat this rating as a cautious guess.' : '';
  return body + certainty;
}
