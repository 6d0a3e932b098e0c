import type { Annotations, Tool } from '../../schema/server.ts';
import { nameTokens } from '../../text/tokens.ts';
import { parameterNames, type Parameter } from '../../input-schema/parameters.ts';
import { GIT_VERBS, MONEY_CONTEXT_VERBS, MONEY_MOVEMENT_NOUNS, MONEY_NOUNS, MONEY_PARAMS, UNBILLED_SUBSCRIPTIONS } from '../lexicon.ts';
import { leadWords, type VerbContext } from '../verb.ts';

/** What every step reads of one tool's definition, read once. */
export interface ToolFacts {
  readonly tool: Tool;
  readonly parameters: readonly Parameter[];
  /** The parameters' names, index for index. */
  readonly params: readonly string[];
  readonly paramSet: ReadonlySet<string>;
  /** The name's words. */
  readonly tokens: readonly string[];
  readonly tokenSet: ReadonlySet<string>;
  readonly description: string;
  readonly lowerDescription: string;
  /** The description's opening words. */
  readonly lead: readonly string[];
  readonly annotations: Annotations;
  readonly context: VerbContext;
  /** The money word of the name, if it names money. */
  readonly moneyNoun: string | undefined;
  /** Money changes hands (a payment, refund, transfer... or an amount), rather than being looked at. */
  readonly movesMoney: boolean;
  /** The name's word for a money movement (`transfer` in `wallet_transfer`). */
  readonly movementNoun: string | undefined;
  /** The parameter that takes an amount of money. */
  readonly amountParam: string | undefined;
}

const MONEY_AMOUNT_PARAMS = new Set(['amount', 'unit_amount', 'amount_cents']);

export function firstSentence(description: string): string {
  return description.trim().split(/(?<=[.!?])\s|\n/)[0] ?? '';
}

export function readFacts(tool: Tool, parameters: readonly Parameter[]): ToolFacts {
  const tokens = nameTokens(tool.name);
  const description = tool.description ?? '';
  const params = parameterNames(parameters);
  const git = tokens.includes('git') || /\bgit\b/i.test(firstSentence(description));
  // In a git tool `checkout` is a command, not a purchase; `transfer_issue` moves no money unless
  // money is in sight (another money noun, or an amount); a subscription to notifications bills nothing.
  const unbilled = (t: string) => (t === 'subscription' || t === 'subscriptions') && tokens.some((w) => UNBILLED_SUBSCRIPTIONS.has(w));
  const moneyWords = tokens.filter((t) => MONEY_NOUNS.has(t) && !(git && GIT_VERBS.has(t)) && !unbilled(t));
  const money = moneyWords.some((t) => !MONEY_CONTEXT_VERBS.has(t)) || params.some((p) => MONEY_PARAMS.has(p));
  const movementNoun = tokens.find((t) => MONEY_MOVEMENT_NOUNS.has(t.replace(/s$/, '')));
  const amountParam = params.find((p) => MONEY_AMOUNT_PARAMS.has(p));
  return {
    tool,
    parameters,
    params,
    paramSet: new Set(params),
    tokens,
    tokenSet: new Set(tokens),
    description,
    lowerDescription: description.toLowerCase(),
    lead: leadWords(description),
    annotations: tool.annotations ?? {},
    context: { git, money },
    moneyNoun: moneyWords.find((t) => money || !MONEY_CONTEXT_VERBS.has(t)),
    movesMoney: movementNoun !== undefined || amountParam !== undefined,
    movementNoun,
    amountParam,
  };
}
