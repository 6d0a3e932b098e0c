import type { CommandIO, RunCommand } from '../../src/cli/io.ts';
import { ROOT, type CliResult } from './run-cli.ts';

type IOOptions = Partial<Pick<CommandIO, 'env' | 'cwd' | 'interactive'>>;

/** A command's IO for a test: what it writes is collected; its environment is only what the test gives. */
export function collectIO(options: IOOptions = {}) {
  const written = { stdout: '', stderr: '' };
  const io: CommandIO = {
    out: (text) => void (written.stdout += text),
    err: (text) => void (written.stderr += text),
    env: options.env ?? {},
    cwd: options.cwd ?? ROOT,
    interactive: options.interactive ?? false,
  };
  return { io, written };
}

/** Runs a command in this process with a collecting IO: its exit status and what it wrote, as runCli gives them for the binary. */
export async function runCommand(run: RunCommand, args: string[], options: IOOptions = {}): Promise<CliResult> {
  const { io, written } = collectIO(options);
  const code = await run(args, io);
  return { code, ...written };
}
