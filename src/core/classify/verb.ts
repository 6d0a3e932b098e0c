/** What a tool's words say it does: the verb of a name, a title or a description's first sentence. */
import type { Category } from '../risk.ts';
import { textWords } from '../text/tokens.ts';
import {
  CODE_OBJECTS,
  COMPOUND_NOUNS,
  CONJUNCTIONS,
  DESCRIPTION_FILLER,
  DESCRIPTION_VERBS,
  EXECUTING_OBJECTS,
  GIT_VERBS,
  INFRA_NOUNS,
  ISSUED_OBJECTS,
  LAUNCH_VERBS,
  LOOKING_VERBS,
  LOOKUP_OBJECTS,
  MONEY_CONTEXT_VERBS,
  SETTLED_OBJECTS,
  NAVIGATION_OBJECTS,
  QUESTION_OBJECTS,
  STORAGE_OBJECTS,
  NOUN_OR_VERB,
  POST_READ_REQUESTS,
  POSTED_OBJECTS,
  QUESTION_WORDS,
  READ_ACTIVITIES,
  READ_NOUNS,
  SENDING_VERBS,
  VERBS,
  VIEW_NOUNS,
} from './lexicon.ts';

export type VerbCategory = Exclude<Category, 'other'>;

export interface VerbContext {
  /** A git tool: `fetch`, `branch`, `stash` are git commands that change the repository. */
  git: boolean;
  /** Money in sight (a money noun or an amount), so `capture` and `transfer` move money. */
  money: boolean;
}

export interface VerbReading {
  verb: string;
  category: VerbCategory;
  /** How the word was read, for the evidence: `verb “create”`, `“status”`. */
  lead: string;
  /** Why, when it is not obvious: `“monitor” read as a noun`. */
  note?: string;
  /** Taken from a second verb joined by and/or ("Read or replace"), not from the first. */
  joined?: boolean;
  /** False when a sending verb's object is no message (`post_page` creates a page, sends nothing). */
  sends?: false;
  /** Read from a noun (`pods_log`), no verb being found. */
  noun?: true;
}

/**
 * The name's first word when the description opens with it as a verb (`compact_logs`, "Compacts the
 * logs"): the tool's own verb, known to the classifier or not.
 */
export function sharedOpeningWord(nameWords: readonly string[], lead: readonly string[]): string | undefined {
  const first = nameWords[0];
  const opening = lead[0];
  if (!first || !opening || nameWords.length < 2) return undefined;
  // "Brave Local Search: ..." repeats the name as a title, it does not open with a verb.
  if (lead[1] === nameWords[1]) return undefined;
  return opening === first || stems(opening).includes(first) ? first : undefined;
}

/** Severity for "the worse reading wins": reads, then writes, then the rest. */
export const RANK: Record<VerbCategory, number> = { read: 0, write: 1, destructive: 2, financial: 2, execute: 2 };

const VERB_CATEGORY = new Map<string, VerbCategory>();
for (const category of Object.keys(VERBS) as VerbCategory[]) {
  for (const verb of VERBS[category]) if (!VERB_CATEGORY.has(verb)) VERB_CATEGORY.set(verb, category);
}

function categoryOf(word: string, context: VerbContext): VerbCategory | undefined {
  if (context.git && GIT_VERBS.has(word)) return GIT_VERBS.get(word);
  const category = VERB_CATEGORY.get(word) ?? prefixedCategory(word);
  if (category === 'financial' && !context.money) return MONEY_CONTEXT_VERBS.get(word) ?? category;
  return category;
}

/** The category of a word or of one of its stems, as a name verb or a description verb; undefined for a word the classifier does not know. */
export function categoryOfWord(word: string, context: VerbContext): VerbCategory | undefined {
  for (const w of [word, ...stems(word)]) {
    const category = categoryOf(w, context) ?? DESCRIPTION_VERBS.get(w);
    if (category) return category;
  }
  return undefined;
}

/**
 * `unapprove`, `unassign` undo a write, and so do `unstar`, `untag`: after “un” a word that is as
 * often a noun is the verb. `resend`, `redeploy`, `rerun` repeat one.
 */
function prefixedCategory(word: string): VerbCategory | undefined {
  const rest = word.slice(2);
  if (rest.length < 3) return undefined;
  const category = VERB_CATEGORY.get(rest);
  if (word.startsWith('un') && category === 'write') return 'write';
  if (NOUN_OR_VERB.has(rest)) return undefined;
  if (word.startsWith('re') && category !== undefined && category !== 'read') return category;
  return undefined;
}

/**
 * Crude English stems of a word: deletes -> delete, creating -> create. Past participles are left
 * alone: in a name they describe a state (`is_connected`, `list_deleted_items`), not an action.
 */
function stems(word: string): string[] {
  return [word.replace(/ies$/, 'y'), word.replace(/es$/, ''), word.replace(/s$/, ''), word.replace(/ing$/, ''), word.replace(/ing$/, 'e')].filter(
    (s) => s !== word,
  );
}

const FORM_CHOICES = new Set(['option', 'options', 'dropdown', 'checkbox', 'radio']);

const quote = (words: readonly string[]) => words.map((w) => `“${w}”`).join(' and ');

interface Found {
  word: string;
  index: number;
  category: VerbCategory;
}

const OBJECT_ENDS = new Set(['to', 'for', 'from', 'of', 'with', 'in', 'into', 'on', 'by', 'that', 'which', 'using', 'based', 'and', 'or']);

/** The head of a verb's own object: its last word before a preposition (`report` of “cost analysis report for ...”). */
function objectHead(after: readonly string[]): string | undefined {
  const end = after.findIndex((w) => OBJECT_ENDS.has(w));
  return after.slice(0, Math.min(6, end < 0 ? after.length : end)).at(-1);
}

/** Object-sensitive verbs: what follows `run`, `resolve`, `open`, `select`, `generate` or `build` changes what they do. */
function refine(found: Found, words: readonly string[], others: readonly Found[], reading: VerbReading): VerbReading {
  const after = words.slice(found.index + 1);
  // `post` is also the HTTP method of generated REST wrappers: the path decides, as REST does.
  if (found.word === 'post' && !after.some((w) => POSTED_OBJECTS.has(w))) {
    const request = after.find((w) => POST_READ_REQUESTS.has(w));
    if (request) return { ...reading, category: 'read', note: `HTTP POST to a “${request}” endpoint, which only asks`, sends: false };
    return { ...reading, sends: false };
  }
  // “Asks for a review” requests one: someone is set to work.
  if (found.word === 'ask' && after[0] === 'for') return { ...reading, category: 'write', note: '“ask for” requests something' };
  // `load_csv_into_table`: loaded into a place, data is written there.
  if (found.word === 'load' && after.includes('into')) return { ...reading, category: 'write', note: '“load into” writes where it loads' };
  // `eval_get`, `get_exam_evaluation`: an evaluation read or made, unless code is in sight (a code
  // parameter still makes it run code, in the signal step).
  const evaluation = found.word === 'evaluate' || (found.word === 'eval' && words.length > 1);
  if (evaluation && !words.some((w) => CODE_OBJECTS.has(w))) {
    return { ...reading, category: 'read', note: 'with no code in sight, it assesses' };
  }
  const activity = after.find((w) => READ_ACTIVITIES.has(w));
  // `run_sql_query` runs SQL: a code word beside the activity keeps it running code.
  if (LAUNCH_VERBS.has(found.word) && activity && !after.some((w) => EXECUTING_OBJECTS.has(w))) {
    // “Trigger a search for missing albums”: a job the service runs on its own (fetching, indexing), not an answer.
    if (found.word === 'trigger') return { ...reading, category: 'write', note: `it starts a “${activity}” job that the service runs on its own` };
    return { ...reading, category: 'read', note: `it launches “${activity}”, which only looks` };
  }
  // `resolve_thread` settles a matter; `resolve_import`, `resolve_library_id` look something up. With no
  // object in sight, it settles (the cautious reading).
  const matter = after.find((w) => SETTLED_OBJECTS.has(w));
  if (found.word === 'resolve' && (matter || (after.length === 0 && !words.some((w) => LOOKUP_OBJECTS.has(w))))) {
    return { ...reading, category: 'write', note: matter ? `it settles a “${matter}”` : 'with nothing to look up, it settles something' };
  }
  const target = after.find((w) => NAVIGATION_OBJECTS.has(w));
  if (found.word === 'open' && target) {
    return { ...reading, category: 'write', note: `it opens a “${target}”, which drives a browser or device or starts something new` };
  }
  if (found.word === 'select' && after.some((w) => FORM_CHOICES.has(w))) {
    return { ...reading, category: 'write', note: 'it picks a choice in a form' };
  }
  const view = after.find((w) => VIEW_NOUNS.has(w));
  // Another action in the name (`generate_and_send_report`, `generate_share_link`) keeps it a write;
  // a noun that could be a verb (`generate_pin_map`) does not.
  const acts = (o: Found) => o.word !== view && RANK[o.category] > RANK.read && (!NOUN_OR_VERB.has(o.word) || SENDING_VERBS.has(o.word));
  if (found.word === 'build' && view && !others.some(acts)) {
    return { ...reading, category: 'read', note: `it builds a “${view}” and hands it back` };
  }
  // Generated text, data or media goes back to the caller; a key, an order or an account is issued and kept.
  if (found.word === 'generate') {
    const head = objectHead(after);
    const issued = head !== undefined && ISSUED_OBJECTS.has(head) ? head : undefined;
    if (issued) return { ...reading, category: 'write', note: `it issues a “${issued}”, which the service keeps` };
    if (others.some(acts)) return { ...reading, category: 'write', note: 'another action in the name' };
    return { ...reading, note: 'what it generates is handed back' };
  }
  // `format_disk` erases; `format_json` lays text out. The object may come first (`disk_format`).
  const objects = words.filter((w) => w !== found.word);
  const storage = found.word === 'format' ? objects.find((w) => STORAGE_OBJECTS.has(w)) : undefined;
  if (storage) return { ...reading, category: 'destructive', note: `formatting a “${storage}” erases it` };
  // `optimize_route` returns a plan; `vector_index_optimize` changes what is stored.
  const stored = found.word === 'optimize' ? objects.find((w) => INFRA_NOUNS.has(w) || w === 'indexes') : undefined;
  if (stored) return { ...reading, category: 'write', note: `it changes the “${stored}” it optimizes` };
  // `answer_question` answers; `answer_pending_input` responds to a run waiting on it.
  if (found.word === 'answer' && !objects.some((w) => QUESTION_OBJECTS.has(w)))
    return { ...reading, category: 'write', note: 'it responds to something waiting for an answer' };
  return reading;
}

/**
 * The verb of a run of words (a name's tokens). Plain verbs come first; a word that is as often a
 * noun (`post`, `commit`, `status`) counts only when no plain verb is there and it does not end the
 * name, or ends it as the method of a dotted name (`methodLast`: `Issues.Lock`). Among several verbs
 * the first counts, unless a later one destroys or is joined to it by and/or and is worse. With no
 * verb, a noun for something to look at (`pods_log`) means a read.
 */
export function verbOfWords(words: readonly string[], context: VerbContext, methodLast = false): VerbReading | undefined {
  if (QUESTION_WORDS.has(words[0] ?? '') && words.length > 1) {
    return { verb: words[0]!, category: 'read', lead: `“${words[0]}”`, note: 'the name asks a yes-or-no question' };
  }
  // `check_can_delete`, `verify_if_exists`: a check whether something holds or may be done.
  if (
    ASKING_VERBS.has(words[0] ?? '') &&
    (QUESTION_WORDS.has(words[1] ?? '') || words[1] === 'if' || words[1] === 'whether') &&
    !words.some((w) => CONJUNCTIONS.has(w))
  ) {
    return { verb: words[0]!, category: 'read', lead: `“${words[0]} ${words[1]}”`, note: 'the name asks a yes-or-no question' };
  }
  const dryRun = dryRunOf(words, context);
  if (dryRun) return { verb: words[0]!, category: 'read', lead: `“${dryRun}”`, note: 'it shows what an action would do, without doing it' };
  const found: Found[] = [];
  words.forEach((word, index) => {
    const category = categoryOf(word, context);
    if (category) found.push({ word, index, category });
  });
  const compound = (f: Found) => COMPOUND_NOUNS.get(f.word)?.has(words[f.index + 1] ?? '') === true;
  const ambiguous = (f: Found) => (NOUN_OR_VERB.has(f.word) || compound(f)) && !(context.git && GIT_VERBS.has(f.word));
  const plain = found.filter((f) => !ambiguous(f));
  const isMethod = (f: Found) => methodLast && f.index === words.length - 1;
  // The second word of a compound noun (`request` in `pull_request_thread`) is no verb either.
  const tail = (f: Found) => COMPOUND_NOUNS.get(words[f.index - 1] ?? '')?.has(f.word) === true;
  const candidates =
    plain.length > 0 ? plain : found.filter((f) => !compound(f) && !tail(f) && (f.index < words.length - 1 || words.length === 1 || isMethod(f)));
  // The method names the action; words before it name what it acts on.
  if (plain.length === 0) candidates.sort((a, b) => Number(isMethod(b)) - Number(isMethod(a)));
  if (candidates.length > 0) {
    let pick = candidates[0]!;
    let note: string | undefined;
    let isJoined = false;
    for (const f of candidates.slice(1)) {
      const joined = words.slice(pick.index + 1, f.index).some((w) => CONJUNCTIONS.has(w));
      // `get_purge_status`: after a verb that only looks, the removal word names what is looked at.
      const looksAtIt = pick.index === 0 && LOOKING_VERBS.has(pick.word);
      if (RANK[f.category] > RANK[pick.category] && (joined || (f.category === 'destructive' && !looksAtIt))) {
        note = joined ? `the worse of ${quote([pick.word, f.word])}` : `it outweighs “${pick.word}”`;
        pick = f;
        isJoined = joined;
      }
    }
    const nouns = found.filter((f) => !candidates.includes(f) && f.category !== pick.category).map((f) => f.word);
    if (!note && nouns.length > 0) note = `${quote(nouns)} read as ${nouns.length === 1 ? 'a noun' : 'nouns'}`;
    if (!note && !context.money && MONEY_CONTEXT_VERBS.has(pick.word)) note = 'no money in sight';
    const git = context.git && GIT_VERBS.has(pick.word);
    const reading: VerbReading = {
      verb: pick.word,
      category: pick.category,
      lead: git ? `git command “${pick.word}”` : `verb “${pick.word}”`,
      ...(note ? { note } : git && pick.category !== 'read' ? { note: 'it changes the repository' } : {}),
      ...(isJoined ? { joined: true } : {}),
    };
    return refine(
      pick,
      words,
      found.filter((f) => f !== pick),
      reading,
    );
  }
  // `maintenance_on`, `dnd_off`: a switch flipped.
  const last = words.at(-1)!;
  if (words.length > 1 && (last === 'on' || last === 'off')) return { verb: last, category: 'write', lead: `“${last}”`, note: 'a switch turned on or off' };
  // `speech_to_text`, `html_to_markdown`: with no verb, one thing made into another and handed back.
  const to = words.indexOf('to');
  if (to > 0 && to < words.length - 1)
    return { verb: 'to', category: 'read', lead: `“${words.slice(0, to + 2).join(' ')}”`, note: 'a conversion from one form to another' };
  const noun = words.find((w) => READ_NOUNS.has(w));
  if (noun) return { verb: noun, category: 'read', lead: `“${noun}”`, note: 'a noun for something to look at', noun: true };
  for (const [index, word] of words.entries()) {
    // A plural of a word that is also a noun is that noun (`console_messages`), not a verb.
    for (const stem of stems(word).filter((w) => !NOUN_OR_VERB.has(w))) {
      const category = categoryOf(stem, context);
      if (category) {
        const reading: VerbReading = { verb: stem, category, lead: `verb “${stem}”`, note: `from “${word}”` };
        return refine({ word: stem, index, category }, words, [], reading);
      }
    }
  }
  return undefined;
}

/**
 * `dry_run_migration`, `preview_delete`: a dry run shows what would happen. A preview before a
 * removal is one too, but not before a deploy or a publish (a preview deploy is live); “and” joins
 * the real action (`preview_and_apply`).
 */
function dryRunOf(words: readonly string[], context: VerbContext): string | undefined {
  if (words.some((w) => CONJUNCTIONS.has(w))) return undefined;
  if (words[0] === 'dry' && words[1] === 'run' && words.length > 2) return 'dry run';
  const next = words[1];
  return words[0] === 'preview' && next !== undefined && categoryOf(next, context) === 'destructive' ? 'preview' : undefined;
}

const ASKING_VERBS = new Set(['check', 'verify', 'validate', 'test', 'ask']);

const ARTICLES = new Set(['a', 'an', 'the', 'one', 'some', 'any']);

// "Call this immediately after ...", "Use when the user asks ...": a sentence to the model about when to call, not what the tool does.
const WHEN_TO_CALL =
  /^(?:always |you must |must )?(?:call|use|invoke) (?:this(?: tool| function)? )?(?:(?:immediately|first|only|once|always) )*(?:when|whenever|after|before|if|immediately|first)\b/i;

/** The first sentence of a description that says what the tool does, as words, without "This tool" and articles. */
export function leadWords(description: string): string[] {
  const sentences = description
    .trim()
    .split(/(?<=[.!?])\s|\n/)
    .filter((s) => s.trim() !== '');
  const first = (WHEN_TO_CALL.test(sentences[0] ?? '') && sentences.length > 1 ? sentences[1] : sentences[0]) ?? '';
  return textWords(first.toLowerCase().replace(DESCRIPTION_FILLER, '')).filter((w) => !ARTICLES.has(w));
}

/**
 * The verb a description opens with ("Creates", "Returns", "Read or replace"): among verbs joined
 * to it by and/or, the worst counts.
 */
export function openingVerb(words: readonly string[], context: VerbContext): VerbReading | undefined {
  const head = words[0];
  if (head === undefined) return undefined;
  const categoryIn = (word: string) => categoryOf(word, context) ?? DESCRIPTION_VERBS.get(word);
  const asVerb = [head, ...stems(head)].find(categoryIn);
  if (!asVerb) return undefined;
  const category = categoryIn(asVerb)!;
  let worst: { verb: string; category: VerbCategory } | undefined;
  // "Generate a 3D asset from a text description and import it": the whole first sentence.
  for (let i = 1; i + 1 < words.length; i++) {
    const next = words[i + 1]!;
    if (!CONJUNCTIONS.has(words[i]!) || NOUN_OR_VERB.has(next)) continue;
    const joined = [next, ...stems(next)].find((w) => categoryOf(w, context) && !NOUN_OR_VERB.has(w));
    const joinedCategory = joined && categoryOf(joined, context);
    if (joined && joinedCategory && RANK[joinedCategory] > RANK[worst?.category ?? category]) worst = { verb: joined, category: joinedCategory };
  }
  if (worst) return { ...worst, lead: `verb “${worst.verb}”`, note: `the worse of ${quote([asVerb, worst.verb])}`, joined: true };
  return refine({ word: asVerb, index: 0, category }, words.slice(0, 6), [], { verb: asVerb, category, lead: `verb “${asVerb}”` });
}

/** `resource.method` (`Issues.Lock`, `gmail.messages.trash`): the last dotted segment is one word, the action. */
export function endsWithMethod(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && /^[A-Za-z]+$/.test(name.slice(dot + 1)) && !/[a-z][A-Z]/.test(name.slice(dot + 1));
}

/**
 * The verb of a description: the one it opens with, else the first among its first three words. A
 * noun, or a word as often a noun, counts only as the opening word ("Status of ..."): after a word
 * the classifier does not know ("Sunsets a preview environment") it is what that unknown verb acts on.
 */
export function descriptionVerb(words: readonly string[], context: VerbContext): VerbReading | undefined {
  const opening = openingVerb(words, context);
  if (opening) return opening;
  const reading = verbOfWords(words.slice(0, 3), context);
  const object = reading && reading.verb !== words[0] && (reading.noun || NOUN_OR_VERB.has(reading.verb));
  // "Certifies a dossier, generating a PDF": a participle after an unknown verb says how, not what.
  const source = reading && words.slice(1, 3).find((w) => w.endsWith('ing') && stems(w).includes(reading.verb));
  const participle = source !== undefined && /[a-z]s$/.test(words[0]!);
  return object || participle ? undefined : reading;
}

/** Opening verbs of Chinese, Japanese and Korean descriptions, which the word splitter does not see. */
const CJK_VERBS: readonly [VerbCategory, readonly string[]][] = [
  ['destructive', ['删除', '清空', '移除', '削除', '삭제']],
  ['execute', ['执行', '运行', '実行', '실행']],
  ['write', ['创建', '新增', '添加', '更新', '修改', '设置', '上传', '发送', '保存', '写入', '作成', '追加', '送信', '생성', '추가', '수정', '전송', '저장']],
  ['read', ['获取', '查询', '列出', '搜索', '查看', '读取', '检索', '显示', '统计', '查找', '取得', '検索', '一覧', '表示', '조회', '검색', '목록']],
];

/** The verb a description in Chinese, Japanese or Korean opens with (“获取数据库对象的详细信息”). */
export function cjkOpeningVerb(description: string): VerbReading | undefined {
  const head = description.trim().replace(/^[^\p{L}]+/u, '');
  for (const [category, verbs] of CJK_VERBS) {
    const verb = verbs.find((v) => head.startsWith(v));
    if (verb) return { verb, category, lead: `verb “${verb}”` };
  }
  return undefined;
}

// Words that, inside a description's sentence, are nouns (“type information”, “a set of”).
const DESCRIPTION_NOUNS = new Set(['type', 'types', 'set', 'sets', 'tag', 'tags', 'label', 'labels', 'mark', 'marks', 'start', 'end', 'block', 'blocks']);

/** The first of `words` (a description's) that names a change, a removal, a run or a payment as a verb, not as a noun. */
export function changeVerbIn(words: readonly string[], context: VerbContext): string | undefined {
  return words.find((w) => {
    const category = categoryOfWord(w, context);
    return category !== undefined && category !== 'read' && !NOUN_OR_VERB.has(w) && !DESCRIPTION_NOUNS.has(w);
  });
}
