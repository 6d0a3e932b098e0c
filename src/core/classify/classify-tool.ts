import type { Tool } from '../schema/server.ts';
import { CATEGORY_LABELS, type Category, type EvidenceSource, type Level, type Signal } from '../risk.ts';
import { nameTokens } from '../text/tokens.ts';
import { listParameters, parameterNames, type Parameter } from '../catalog/parameters.ts';
import { findSuspiciousText } from './suspicious.ts';
import {
  BULK_PARAMS, DESCRIPTION_PHRASES, INFRA_NOUNS, JOB_NOUNS, MONEY_MOVEMENT_NOUNS, MONEY_NOUNS, MONEY_PARAMS,
  SENDING_VERBS, SIGNAL_WORDS, VERBS,
} from './lexicon.ts';

export interface Evidence {
  source: EvidenceSource;
  detail: string;
  effect: string;
}

export interface Classification {
  category: Category;
  level: Level;
  signals: Signal[];
  /** 0..1: how much the verdict rests on. */
  confidence: number;
  evidence: Evidence[];
  /** True when the data file's editors set the category or level. */
  overridden: boolean;
  rationale: string;
}

type VerbCategory = keyof typeof VERBS;
const VERB_CATEGORY = new Map<string, VerbCategory>();
for (const category of Object.keys(VERBS) as VerbCategory[]) {
  for (const verb of VERBS[category]) if (!VERB_CATEGORY.has(verb)) VERB_CATEGORY.set(verb, category);
}

/** The token itself, then crude English stems: deletes -> delete, creating -> create. */
function stems(token: string): string[] {
  return [token, token.replace(/ies$/, 'y'), token.replace(/es$/, ''), token.replace(/s$/, ''), token.replace(/ing$/, ''),
    token.replace(/ing$/, 'e'), token.replace(/ed$/, ''), token.replace(/d$/, '')];
}

/**
 * The verb of a name: the first word that is a verb as written, unless a later one destroys
 * (`purge_and_list`); failing those, the first word that stems to a verb (`deletes`).
 */
function verbOf(tokens: readonly string[]): { verb: string; category: VerbCategory } | undefined {
  let first: { verb: string; category: VerbCategory } | undefined;
  for (const token of tokens) {
    const category = VERB_CATEGORY.get(token);
    if (!category) continue;
    if (!first) first = { verb: token, category };
    else if (category === 'destructive' && first.category !== 'destructive') return { verb: token, category };
  }
  if (first) return first;
  for (const token of tokens) {
    for (const stem of stems(token).slice(1)) {
      const category = VERB_CATEGORY.get(stem);
      if (category) return { verb: stem, category };
    }
  }
  return undefined;
}

const EXECUTING_SIGNALS: readonly Signal[] = ['shell-command', 'code-eval', 'raw-sql'];
const SQL_CONTEXT = /\b(sql|cypher|database|table|select|postgres(ql)?|mysql|sqlite)\b/i;
const CREDENTIAL_PARAM = /password|secret|token|api_?key|private_?key|credential/;
// Name words that tell what a tool is about, not what it does: they count only with a parameter.
const NAME_ALONE_IS_NOT_ENOUGH = new Set<Signal>(['shell-command', 'code-eval', 'raw-sql', 'sends-external']);
const RECIPIENT_PARAMS = new Set(['to', 'recipient', 'recipients', 'cc', 'bcc', 'webhook_url']);
const MONEY_AMOUNT_PARAMS = new Set(['amount', 'unit_amount', 'amount_cents']);

function firstSentence(description: string): string {
  return description.trim().split(/(?<=[.!?])\s|\n/)[0] ?? '';
}

/** Classifies one tool from its own definition; an editorial override wins and says so. */
export function classifyTool(tool: Tool, parameters: readonly Parameter[] = listParameters(tool.inputSchema)): Classification {
  const evidence: Evidence[] = [];
  const signals = new Map<Signal, string>();
  const raise = (signal: Signal, source: EvidenceSource, detail: string) => {
    if (signals.has(signal)) return;
    signals.set(signal, detail);
    evidence.push({ source, detail, effect: `signal ${signal}` });
  };

  const tokens = nameTokens(tool.name);
  const tokenSet = new Set(tokens);
  const description = tool.description ?? '';
  const lowerDescription = description.toLowerCase();
  const params = parameterNames(parameters);
  const paramSet = new Set(params);
  const annotations = tool.annotations ?? {};

  // 1. The verb: from the name, else the title, else the description's first sentence.
  let confidence = 0.15;
  let category: Category = 'other';
  let verb: string | undefined;
  const fromName = verbOf(tokens);
  const fromTitle = !fromName && tool.title ? verbOf(nameTokens(tool.title)) : undefined;
  const fromDescription = !fromName && !fromTitle && description ? verbOf(nameTokens(firstSentence(description)).slice(0, 3)) : undefined;
  const found = fromName ?? fromTitle ?? fromDescription;
  if (found) {
    verb = found.verb;
    category = found.category;
    const source: EvidenceSource = fromName ? 'name' : fromTitle ? 'title' : 'description';
    confidence = fromName ? 0.55 : fromTitle ? 0.5 : 0.4;
    evidence.push({ source, detail: `verb “${found.verb}” in the ${source === 'description' ? 'first sentence of the description' : source}`, effect: `category ${found.category}` });
  }

  // 2. Signals from name words and parameter names. Parameters say what a tool takes; name words
  // only say what it is about, so the executing and sending signals need more than a name word.
  const paramHits = new Map<Signal, string>();
  for (const [signal, words] of Object.entries(SIGNAL_WORDS) as [Signal, { names: readonly string[]; params: readonly string[] }][]) {
    const paramHit = params.find((p) => words.params.includes(p)) ?? (signal === 'credentials' ? params.find((p) => CREDENTIAL_PARAM.test(p)) : undefined);
    if (paramHit) paramHits.set(signal, paramHit);
    const nameHit = words.names.find((w) => tokenSet.has(w));
    if (nameHit && !NAME_ALONE_IS_NOT_ENOUGH.has(signal)) raise(signal, 'name', `“${nameHit}” in the name`);
    else if (paramHit) raise(signal, 'schema', `parameter \`${paramHit}\``);
    else if (nameHit && category === 'execute') raise(signal, 'name', `“${nameHit}” in the name of a tool that executes`);
  }
  if (!paramHits.has('raw-sql') && paramSet.has('query') && (paramSet.has('database') || SQL_CONTEXT.test(description) || SQL_CONTEXT.test(tokens.join(' ')))) {
    paramHits.set('raw-sql', 'query');
    raise('raw-sql', 'schema', 'parameter `query` on a database tool');
  }
  const moneyNoun = tokens.find((t) => MONEY_NOUNS.has(t));
  const moneyParam = params.find((p) => MONEY_PARAMS.has(p));
  if (moneyNoun) raise('money', 'name', `“${moneyNoun}” in the name`);
  else if (moneyParam) raise('money', 'schema', `parameter \`${moneyParam}\``);
  const bulkParam = params.find((p) => BULK_PARAMS.has(p));
  if (bulkParam) raise('bulk', 'schema', `parameter \`${bulkParam}\``);
  for (const finding of findSuspiciousText(description)) {
    const detail = `${finding.reason}: “${finding.excerpt}”`;
    if (signals.has('suspicious-description')) evidence.push({ source: 'description', detail, effect: 'signal suspicious-description' });
    else raise('suspicious-description', 'description', detail);
  }

  // 3. Category refinements: executing parameters, money movement, sending.
  const executing = EXECUTING_SIGNALS.filter((s) => paramHits.has(s) || (category === 'execute' && signals.has(s)));
  if (executing.some((s) => paramHits.has(s)) && category !== 'execute') {
    evidence.push({ source: 'schema', detail: `takes ${executing.map((s) => `\`${paramHits.get(s)}\``).join(' and ')} to run`, effect: 'category execute' });
    category = 'execute';
  }
  const movesMoney = tokens.some((t) => MONEY_MOVEMENT_NOUNS.has(t.replace(/s$/, ''))) || params.some((p) => MONEY_AMOUNT_PARAMS.has(p));
  if ((category === 'write' || category === 'destructive') && moneyNoun) {
    evidence.push({ source: 'name', detail: `a ${category === 'write' ? 'write' : 'removal'} on “${moneyNoun}”`, effect: 'category financial' });
    category = 'financial';
  }
  const recipient = params.find((p) => RECIPIENT_PARAMS.has(p));
  if (category === 'write' && verb && SENDING_VERBS.has(verb)) raise('sends-external', 'name', `verb “${verb}” sends to others`);
  else if (category === 'write' && recipient) raise('sends-external', 'schema', `takes a recipient (\`${recipient}\`)`);

  // 4. The description backs the verdict or not.
  if (description) {
    const supports = category !== 'other' && DESCRIPTION_PHRASES[category].find((re) => re.test(lowerDescription));
    if (supports) {
      confidence += 0.2;
      evidence.push({ source: 'description', detail: `the description agrees (“${lowerDescription.match(supports)![0]}”)`, effect: 'confidence up' });
    } else if (category === 'other') {
      confidence += 0.1;
    }
    if (category !== 'destructive' && /\b(permanently|irreversibl[ey]|cannot be undone)\b/.test(lowerDescription) && category !== 'execute' && category !== 'financial') {
      evidence.push({ source: 'description', detail: 'the description warns the change is permanent', effect: 'category destructive' });
      category = 'destructive';
    }
  } else {
    evidence.push({ source: 'description', detail: 'no description', effect: 'confidence down' });
  }
  if (params.length > 0) confidence += 0.05;

  // 5. Annotations are untrusted hints: they may support a read, never excuse a write.
  if (annotations.readOnlyHint === true) {
    if (category === 'read' || category === 'other') {
      if (category === 'other') category = 'read';
      confidence += 0.15;
      evidence.push({ source: 'annotation', detail: 'readOnlyHint: true', effect: 'supports read' });
    } else {
      confidence -= 0.1;
      evidence.push({ source: 'annotation', detail: `readOnlyHint: true, but the tool looks ${category}`, effect: 'ignored: annotations never outweigh the name or schema' });
    }
  } else if (category === 'read' && (annotations.readOnlyHint === false || annotations.destructiveHint === true)) {
    category = annotations.destructiveHint === true ? 'destructive' : 'write';
    confidence -= 0.15;
    evidence.push({ source: 'annotation', detail: annotations.destructiveHint === true ? 'destructiveHint: true on a tool that looks like a read' : 'readOnlyHint: false on a tool that looks like a read', effect: `category ${category} (the worse reading wins)` });
  } else if (annotations.destructiveHint === false && category === 'destructive') {
    evidence.push({ source: 'annotation', detail: 'destructiveHint: false on a tool that looks destructive', effect: 'ignored' });
  } else if (annotations.destructiveHint === true && category === 'write') {
    evidence.push({ source: 'annotation', detail: 'destructiveHint: true', effect: 'level at least high (it may overwrite)' });
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
      if (infraNoun) evidence.push({ source: 'name', detail: `removes “${infraNoun}”, infrastructure-scale`, effect: 'level critical' });
      break;
    case 'execute':
      level = executing.length > 0 || tokens.some((t) => ['eval', 'shell', 'bash', 'exec'].includes(t)) ? 'critical' : 'high';
      if (executing.length === 1 && executing[0] === 'raw-sql' && /\bread[- ]only\b/.test(lowerDescription)) {
        level = 'high';
        evidence.push({ source: 'description', detail: 'SQL said to run read-only', effect: 'level high (it still reads every table it can reach)' });
      }
      if (level === 'high' && tokens.some((t) => JOB_NOUNS.has(t))) evidence.push({ source: 'name', detail: 'runs a predefined job', effect: 'level high' });
      break;
    case 'financial':
      level = movesMoney && verb !== undefined && VERB_CATEGORY.get(verb) !== 'destructive' ? 'critical' : 'high';
      break;
    default:
      level = confidence < 0.4 || signals.size > 0 ? 'medium' : 'low';
  }
  if (has('suspicious-description')) level = 'critical';

  confidence = Math.round(Math.min(0.95, Math.max(0.05, confidence)) * 100) / 100;
  const classification: Classification = {
    category, level, signals: [...signals.keys()], confidence, evidence, overridden: false, rationale: '',
  };
  return applyOverrides(tool, classification);
}

function applyOverrides(tool: Tool, c: Classification): Classification {
  const o = tool.overrides;
  if (o?.category || o?.level) {
    const detail = [o.category && `category ${o.category}`, o.level && `level ${o.level}`].filter(Boolean).join(', ');
    c.evidence.unshift({ source: 'override', detail: `editors set ${detail}`, effect: `replaces the computed ${c.category}/${c.level}` });
    c.category = o.category ?? c.category;
    c.level = o.level ?? c.level;
    c.overridden = true;
    c.confidence = 1;
  }
  c.rationale = o?.rationale ?? writeRationale(c);
  return c;
}

/** The evidence that moved the rating, strongest first, as short phrases. */
export function ratingReasons(c: Classification): string[] {
  return c.evidence
    .filter((e) => e.effect.startsWith('category') || e.effect.startsWith('level') || e.effect.startsWith('signal'))
    .map((e) => e.detail)
    .slice(0, 4);
}

/** One or two sentences from the evidence. */
export function writeRationale(c: Classification): string {
  const reasons = ratingReasons(c);
  const head = `Rated ${c.level} (${CATEGORY_LABELS[c.category].toLowerCase()})`;
  const body = reasons.length > 0 ? `${head} because of: ${reasons.join('; ')}.` : `${head}: nothing in its name, description or schema says what it does.`;
  const certainty = c.confidence < 0.4 ? ' The evidence is thin, so treat this rating as a cautious guess.' : '';
  return body + certainty;
}
