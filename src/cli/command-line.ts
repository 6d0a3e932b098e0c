import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { CommandIO } from './io.ts';

/** A command line that cannot run: the command prints it with its help (unless `withHelp` is false), exit 2. */
export class UsageError extends Error {
  readonly withHelp: boolean;
  constructor(message: string, options: { withHelp?: boolean } = {}) {
    super(message);
    this.withHelp = options.withHelp ?? true;
  }
}

export type OptionSpecs = NonNullable<ParseArgsConfig['options']>;

/** How a command words the mistakes parseArgs finds; by default `unexpected argument "--x"` and `--x needs a value`. */
export interface ArgsWording {
  unknownOption?: (option: string) => string;
  missingValue?: (option: string) => string;
}

type Parsed<T extends OptionSpecs, P extends boolean> = ReturnType<typeof parseArgs<{ options: T; allowPositionals: P; strict: true }>>;

const quotedOption = (message: string) => /'(-[^' ,]*)/.exec(message)?.[1];

/** parseArgs's error in the command's words; the value of an option is never echoed (it may be a credential). */
function usageErrorOf(error: unknown, wording: ArgsWording): UsageError {
  const { code, message } = error as { code?: string; message: string };
  const option = quotedOption(message);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return new UsageError((wording.unknownOption ?? ((o) => `unexpected argument "${o}"`))(option));
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return new UsageError(`unexpected argument "${/'(.*)'\./s.exec(message)?.[1] ?? ''}"`);
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    if (message.includes('does not take an argument')) return new UsageError(`${option} takes no value`);
    // "argument missing", or "ambiguous": the next word is an option, not this one's value.
    const missing = (wording.missingValue ?? ((o) => `${o} needs a value`))(option);
    return new UsageError(message.includes('ambiguous') ? `${missing} (one that starts with "-" is written ${option}=<value>)` : missing);
  }
  return new UsageError(message);
}

/**
 * Reads a command line with `node:util` parseArgs, strict: an unknown option, a missing value and an
 * option given twice (but one that is `multiple`) are UsageErrors.
 */
export function readArgs<T extends OptionSpecs, P extends boolean = false>(
  args: readonly string[],
  options: T,
  spec: { positionals?: P; wording?: ArgsWording } = {},
): Pick<Parsed<T, P>, 'values' | 'positionals'> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options, strict: true, allowPositionals: (spec.positionals ?? false) as P, tokens: true });
  } catch (error) {
    if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS_')) throw usageErrorOf(error, spec.wording ?? {});
    throw error;
  }
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || options[token.name]?.multiple) continue;
    if (seen.has(token.name)) throw new UsageError(`${token.rawName} is given twice`);
    seen.add(token.name);
  }
  return { values: parsed.values, positionals: parsed.positionals } as Pick<Parsed<T, P>, 'values' | 'positionals'>;
}

export const asksForHelp = (args: readonly string[]) => args.includes('--help') || args.includes('-h');

export interface CommandLine<Options> {
  /** `policy-atlas import: `, which each usage error starts with. */
  prefix: string;
  help: string;
  /** The options of a command line; throws a UsageError for one that cannot run. */
  parse: (args: string[]) => Options;
}

/**
 * What every command does first: `--help` (or `-h`) anywhere prints the help, exit 0; a UsageError,
 * from reading the command line or later, prints its message and the help, exit 2; else `run` runs.
 */
export async function runCommandLine<Options>(
  args: string[],
  io: CommandIO,
  line: CommandLine<Options>,
  run: (options: Options) => Promise<number>,
): Promise<number> {
  if (asksForHelp(args)) {
    io.out(`${line.help}\n`);
    return 0;
  }
  try {
    return await run(line.parse(args));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${line.prefix}${error.message}${error.withHelp ? `\n\n${line.help}` : ''}\n`);
    return 2;
  }
}
