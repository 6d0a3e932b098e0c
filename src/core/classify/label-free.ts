import type { Level } from '../risk.ts';
import type { Category } from '../risk.ts';
import { nameTokens } from '../text/tokens.ts';

/**
 * Checks that need no labels: a tool's main verb, read by a short fixed list kept apart from the
 * classifier's lexicon (so the classifier cannot agree with itself), says what a rating must not be.
 * A tool whose name opens with `get` rated critical, or one that opens with `delete` rated read, is
 * worth a look whatever else it says. Words as often nouns or as often a query language (`query`,
 * `monitor`, `track`) are left out: they would measure the list, not the classifier.
 */
export type VerbKind = 'reads' | 'changes';

const READ_VERBS = new Set([
  'get',
  'list',
  'search',
  'find',
  'describe',
  'fetch',
  'show',
  'count',
  'compute',
  'calculate',
  'read',
  'view',
  'lookup',
  'retrieve',
  'browse',
  'inspect',
  'summarize',
  'analyze',
  'explain',
  'estimate',
  'compare',
  'convert',
  'format',
  'parse',
  'validate',
  'check',
  'lint',
  'preview',
  'recommend',
  'suggest',
  'predict',
  'explore',
  'locate',
  'detect',
  'identify',
  'extract',
  'diff',
  'tail',
  'measure',
  'generate',
]);

const CHANGE_VERBS = new Set([
  'create',
  'add',
  'insert',
  'update',
  'set',
  'edit',
  'modify',
  'change',
  'write',
  'save',
  'put',
  'patch',
  'upsert',
  'send',
  'post',
  'publish',
  'reply',
  'forward',
  'email',
  'notify',
  'share',
  'invite',
  'upload',
  'submit',
  'push',
  'delete',
  'remove',
  'drop',
  'destroy',
  'purge',
  'erase',
  'truncate',
  'archive',
  'cancel',
  'revoke',
  'ban',
  'pay',
  'transfer',
  'buy',
  'sell',
  'purchase',
  'refund',
  'charge',
  'order',
  'trade',
  'withdraw',
  'deposit',
  'move',
  'rename',
  'copy',
  'clone',
  'merge',
  'deploy',
  'install',
  'uninstall',
  'start',
  'stop',
  'restart',
  'kill',
  'terminate',
  'enable',
  'disable',
  'assign',
  'grant',
  'lock',
  'unlock',
  'approve',
  'reject',
  'close',
  'open',
  'schedule',
  'register',
  'subscribe',
  'unsubscribe',
  'run',
  'execute',
  'exec',
  'trigger',
  'invoke',
  'attach',
  'detach',
  'mark',
  'tag',
  'like',
  'follow',
  'commit',
  'book',
  'reserve',
  'scale',
  'reboot',
]);

/** Verbs of a description's first word, as written there ("Returns", "Lists", "Creates"). */
const OPENING_FORMS = new Map<string, string>([
  ['returns', 'get'],
  ['gets', 'get'],
  ['lists', 'list'],
  ['shows', 'show'],
  ['searches', 'search'],
  ['finds', 'find'],
  ['retrieves', 'retrieve'],
  ['fetches', 'fetch'],
  ['reads', 'read'],
  ['describes', 'describe'],
  ['counts', 'count'],
  ['calculates', 'calculate'],
  ['computes', 'compute'],
  ['creates', 'create'],
  ['adds', 'add'],
  ['updates', 'update'],
  ['sets', 'set'],
  ['sends', 'send'],
  ['posts', 'post'],
  ['deletes', 'delete'],
  ['removes', 'remove'],
  ['uploads', 'upload'],
  ['writes', 'write'],
  ['publishes', 'publish'],
  ['transfers', 'transfer'],
  ['pays', 'pay'],
  ['executes', 'execute'],
  ['runs', 'run'],
]);

export interface MainVerb {
  verb: string;
  kind: VerbKind;
  /** Where it was read: the name's first or last word, or the description's first word. */
  where: 'name' | 'description';
}

const kindOf = (word: string): VerbKind | undefined => (READ_VERBS.has(word) ? 'reads' : CHANGE_VERBS.has(word) ? 'changes' : undefined);

/**
 * The main verb by the fixed lists: the name's first listed word (`get` in `crm_get_deal`, `get` in
 * `user_get`), else the description's first word. A single-word name must be the verb itself.
 */
export function mainVerb(name: string, description: string | undefined): MainVerb | undefined {
  for (const word of nameTokens(name)) {
    const kind = kindOf(word);
    if (kind) return { verb: word, kind, where: 'name' };
  }
  const first = description
    ?.trim()
    .split(/\s+/)[0]
    ?.toLowerCase()
    .replace(/[^a-z]/g, '');
  const verb = first === undefined ? undefined : (OPENING_FORMS.get(first) ?? (kindOf(first) ? first : undefined));
  const kind = verb === undefined ? undefined : kindOf(verb);
  return verb && kind ? { verb, kind, where: 'description' } : undefined;
}

export interface LabelFreeSample {
  name: string;
  description?: string;
  category: Category;
  level: Level;
}

export interface LabelFreeFlag {
  check: 'readVerbAlarm' | 'changeVerbRead';
  verb: MainVerb;
}

/** What a sample trips: a reading verb rated high or critical, or a changing verb rated read. */
export function labelFreeFlag(sample: LabelFreeSample): LabelFreeFlag | undefined {
  const verb = mainVerb(sample.name, sample.description);
  if (!verb) return undefined;
  if (verb.kind === 'reads' && (sample.level === 'high' || sample.level === 'critical')) return { check: 'readVerbAlarm', verb };
  if (verb.kind === 'changes' && sample.category === 'read') return { check: 'changeVerbRead', verb };
  return undefined;
}

export interface LabelFreeFigures {
  /** Of tools whose main verb only reads, those rated high or critical. */
  readVerbAlarm: { count: number; of: number };
  /** Of tools whose main verb creates, changes, sends, deletes, pays or runs, those rated read. */
  changeVerbRead: { count: number; of: number };
}

export function labelFreeFigures(samples: readonly LabelFreeSample[]): LabelFreeFigures {
  const figures: LabelFreeFigures = { readVerbAlarm: { count: 0, of: 0 }, changeVerbRead: { count: 0, of: 0 } };
  for (const sample of samples) {
    const verb = mainVerb(sample.name, sample.description);
    if (!verb) continue;
    const figure = verb.kind === 'reads' ? figures.readVerbAlarm : figures.changeVerbRead;
    figure.of++;
    if (labelFreeFlag(sample)) figure.count++;
  }
  return figures;
}
