/**
 * What a command may touch of the outside world: it writes through `out` and `err` and reads its
 * environment from here, never from `process`. `main.ts` wires it to the process; tests collect it.
 */
export interface CommandIO {
  /** Writes to standard output as is: a line ends with "\n". */
  out(text: string): void;
  /** Writes to standard error as is. */
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Standard output is a terminal: progress may be redrawn in place. */
  interactive: boolean;
}

/** A command: its arguments and where it writes in, its exit status out. */
export type RunCommand = (args: string[], io: CommandIO) => Promise<number>;
