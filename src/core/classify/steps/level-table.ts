import type { Category, Level, Signal } from '../../risk.ts';
import type { Evidence } from '../evidence.ts';
import { INFRA_NOUNS, JOB_NOUNS, NOUN_OR_VERB } from '../lexicon.ts';
import { categoryOfWord } from '../verb.ts';

/** What the level rests on: the category and signals, and the few facts that move a category's level. */
export interface LevelInput {
  category: Category;
  signals: readonly Signal[];
  /** The name's words: infrastructure, permission, shell and job words weigh. */
  nameWords: readonly string[];
  /** The server declares destructiveHint: true. */
  destructiveHint: boolean;
  /** The executing signals its parameters (or its executing verb) back. */
  executing: readonly Signal[];
  /** The description says it runs read-only. */
  saysReadOnly: boolean;
  /** Money changes hands, rather than being looked at. */
  movesMoney: boolean;
  /** The category of the first verb read, before any correction. */
  firstVerb: Category | undefined;
  lowConfidence: boolean;
}

export interface LevelFinding {
  level: Level;
  /** Why the level differs from the category's usual one, where that needs saying. */
  evidence: readonly Evidence[];
}

// Not `iam`: it names where permissions live (`iam_create_user`, `iam_tag_role`), not a grant.
const GRANTING_WORDS = new Set(['grant', 'attach', 'escalate', 'admin', 'owner', 'assume', 'impersonate']);
const RUNNER_WORDS = new Set(['eval', 'shell', 'bash', 'exec']);
// Not `redeploy`: it runs again what is already live.
const DEPLOY_WORDS = new Set(['deploy']);

/** The level table: category and signals to level, then poisoning makes anything critical. */
export function levelFor(input: LevelInput): LevelFinding {
  const found = categoryLevel(input);
  return input.signals.includes('suspicious-description') ? { ...found, level: 'critical' } : found;
}

function categoryLevel({
  category,
  signals,
  nameWords,
  destructiveHint,
  executing,
  saysReadOnly,
  movesMoney,
  firstVerb,
  lowConfidence,
}: LevelInput): LevelFinding {
  const has = (s: Signal) => signals.includes(s);
  const plain = (level: Level): LevelFinding => ({ level, evidence: [] });
  switch (category) {
    case 'read':
      return plain(
        has('credentials') || has('personal-data') || has('filesystem-path') || has('fetches-url') || has('money') || has('permissions') ? 'medium' : 'low',
      );
    case 'write': {
      if (has('permissions') && nameWords.some((t) => GRANTING_WORDS.has(t))) return plain('critical');
      if (has('permissions') || has('credentials') || has('sends-external') || has('bulk') || destructiveHint) return plain('high');
      // A deploy puts new code in front of the service's users, as a publish does.
      const deploys = nameWords.find((t) => DEPLOY_WORDS.has(t));
      return deploys
        ? { level: 'high', evidence: [{ source: 'name', detail: `“${deploys}” puts new code live`, kind: 'level', level: 'high' }] }
        : plain('medium');
    }
    case 'destructive': {
      const infraNoun = removedInfraNoun(nameWords);
      if (infraNoun)
        return { level: 'critical', evidence: [{ source: 'name', detail: `removes “${infraNoun}”, infrastructure-scale`, kind: 'level', level: 'critical' }] };
      return plain(has('bulk') || has('permissions') ? 'critical' : 'high');
    }
    case 'execute': {
      // Read-only SQL changes nothing, yet reads all it can reach: high, not critical.
      if (executing.length === 1 && executing[0] === 'raw-sql' && saysReadOnly) {
        return {
          level: 'high',
          evidence: [
            { source: 'description', detail: 'SQL said to run read-only', kind: 'level', level: 'high', because: 'it still reads every table it can reach' },
            ...jobEvidence(nameWords),
          ],
        };
      }
      if (executing.length > 0 || nameWords.some((t) => RUNNER_WORDS.has(t))) return plain('critical');
      return { level: 'high', evidence: jobEvidence(nameWords) };
    }
    case 'financial':
      return plain(movesMoney && firstVerb !== undefined && firstVerb !== 'destructive' ? 'critical' : 'high');
    default:
      return plain(lowConfidence || signals.length > 0 ? 'medium' : 'low');
  }
}

const jobEvidence = (nameWords: readonly string[]): Evidence[] =>
  nameWords.some((t) => JOB_NOUNS.has(t)) ? [{ source: 'name', detail: 'runs a predefined job', kind: 'level', level: 'high' }] : [];

// Words after a noun that leave it the thing acted on: `delete_instance_in_region`, `delete_project_by_id`.
const AFTER_THE_OBJECT = new Set([
  'in',
  'from',
  'on',
  'of',
  'for',
  'by',
  'with',
  'at',
  'to',
  'id',
  'ids',
  'name',
  'names',
  'if',
  'exists',
  'safely',
  'permanently',
]);
const NO_CONTEXT = { git: false, money: false };

/**
 * The infrastructure noun that names what is removed. One followed by another noun only qualifies
 * it (`delete_project_status` removes a status, `delete_database_user` a user); “all” always counts.
 */
function removedInfraNoun(nameWords: readonly string[]): string | undefined {
  return nameWords.find((t, i) => {
    if (!INFRA_NOUNS.has(t)) return false;
    const next = nameWords[i + 1];
    return t === 'all' || next === undefined || AFTER_THE_OBJECT.has(next) || (!NOUN_OR_VERB.has(next) && categoryOfWord(next, NO_CONTEXT) !== undefined);
  });
}
