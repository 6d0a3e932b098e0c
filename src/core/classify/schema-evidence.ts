/** What a tool's input schema says it does, beyond parameter names: saved output, operation lists. */
import type { Parameter } from '../input-schema/parameters.ts';
import { nameTokens } from '../text/tokens.ts';
import { OPERATION_PARAMS } from './lexicon.ts';
import { RANK, verbOfWords, type VerbContext, type VerbReading } from './verb.ts';

const lastSegment = (p: Parameter) => p.path.split('.').pop()!.replace('[]', '');
const isStringLike = (p: Parameter) => /^(string|any|string \| null|null \| string|)$/.test(p.type);

/** A parameter that takes any text (not a choice from a list): where code, commands or SQL go. */
export function isFreeText(p: Parameter): boolean {
  return !p.enumValues && /^(string|string\[\]|any|string \| null|null \| string|string \| string\[\]|)$/.test(p.type);
}

/** A boolean flag, or an untyped one, as `force` and `recursive` are. */
export function isFlag(p: Parameter): boolean {
  return /^(boolean|any|boolean \| string|string \| boolean|)$/.test(p.type);
}

export function isList(p: Parameter): boolean {
  return p.type.endsWith('[]') || p.type === 'array' || p.type === 'any';
}

const OUTPUT_WORDS = new Set(['output', 'out', 'save', 'dest', 'destination']);
const PATH_WORDS = new Set(['file', 'filename', 'path', 'dir', 'directory', 'folder', 'location', 'to']);
const SAVING = /\b(sav(e|ed|es|ing)|writ(e|es|ten|ing)|stor(e|ed|es|ing))\b/i;
const FILE_WORDS = /\b(file|filename|path|directory|folder|disk)\b/i;

/**
 * A parameter that tells the tool where to save its result (`outputPath`, `saveTo`, a `filePath`
 * "to save the screenshot to"): such a tool writes files, whatever its verb.
 */
export function outputParameter(parameters: readonly Parameter[]): Parameter | undefined {
  return parameters.find((p) => {
    if (!isStringLike(p) || p.enumValues) return false;
    const words = nameTokens(lastSegment(p));
    const outputWord = words.some((w) => OUTPUT_WORDS.has(w));
    const pathWord = words.some((w) => PATH_WORDS.has(w));
    if (outputWord && (pathWord || (words.length === 1 && words[0] === 'output'))) return true;
    const description = p.description ?? '';
    return (pathWord || outputWord || words.includes('name')) && SAVING.test(description) && FILE_WORDS.test(`${words.join(' ')} ${description}`);
  });
}

// Enum parameters that choose among operations; a description that says it filters is not one.
const FILTERING = /^\s*(filter|if defined|only|restrict|limit)/i;
const PRIMARY = new Set(['action', 'operation', 'op']);

export interface OperationReading {
  parameter: string;
  value: string;
  reading: VerbReading;
}

/**
 * The worst operation a multi-purpose tool offers through an `action`/`operation`/`mode` enum
 * (`git_stash` with mode drop, `manage_users` with operation revoke).
 */
export function worstOperation(parameters: readonly Parameter[], context: VerbContext): OperationReading | undefined {
  const choosers = parameters.filter(
    (p) => !p.path.includes('[]') && p.enumValues && OPERATION_PARAMS.has(lastSegment(p).toLowerCase()) && !FILTERING.test(p.description ?? ''),
  );
  const primary = choosers.filter((p) => PRIMARY.has(lastSegment(p).toLowerCase()));
  return worstValue(primary.length > 0 ? primary : choosers, context) ?? worstStep(parameters, context);
}

function worstValue(choosers: readonly Parameter[], context: VerbContext): OperationReading | undefined {
  let worst: OperationReading | undefined;
  for (const p of choosers) {
    for (const raw of p.enumValues!) {
      const value = raw.replace(/^"|"$/g, '');
      const reading = verbOfWords(nameTokens(value), context);
      if (reading && (!worst || RANK[reading.category] > RANK[worst.reading.category])) worst = { parameter: p.path, value, reading };
    }
  }
  return worst;
}

// `type` chooses a step only in a list of steps; in `filters[].type` it picks what to look for.
const STEP_LISTS = /^(actions|steps|operations|ops|changes|edits|commands|instructions|sequence|batch)$/i;
const isStepChooser = (p: Parameter) => {
  const [list, chooser] = p.path.split('[].') as [string, string];
  return OPERATION_PARAMS.has(chooser.toLowerCase()) || ((chooser === 'type' || chooser === 'kind') && STEP_LISTS.test(list));
};

/**
 * A top-level list of steps the tool performs (`actions: [{type: "click" | "scroll" | ...}]`): it
 * does the worst of them. A step that runs a script acts in the page or app the tool drives, so it
 * writes there; it does not make the tool run code of its own.
 */
function worstStep(parameters: readonly Parameter[], context: VerbContext): OperationReading | undefined {
  const choosers = parameters.filter((p) => /^[^.]+\[\]\.[^.]+$/.test(p.path) && p.enumValues && isStepChooser(p) && !FILTERING.test(p.description ?? ''));
  const worst = worstValue(choosers, context);
  if (worst?.reading.category !== 'execute') return worst;
  return { ...worst, reading: { ...worst.reading, category: 'write', note: 'a step that runs a script in what the tool drives' } };
}
