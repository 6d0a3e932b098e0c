import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** A script's options: `--help` prints `usage`; an unknown or malformed option says so in one line and exits 2. */
export function scriptArgs<T extends Options>(name: string, usage: string, options: T): ReturnType<typeof parseArgs<{ options: T }>>['values'] {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2).filter((arg) => arg !== '--help' && arg !== '-h'), options });
    if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
      console.log(usage);
      process.exit(0);
    }
    return values;
  } catch (error) {
    console.error(`${name}: ${(error as Error).message}\n${usage}`);
    process.exit(2);
  }
}
