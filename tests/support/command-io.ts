import type { CommandIO } from '../../src/cli/io.ts';
import { ROOT } from './run-cli.ts';

/** A command's IO for a test: what it writes is collected; its environment is only what the test gives. */
export function collectIO(options: Partial<Pick<CommandIO, 'env' | 'cwd' | 'interactive'>> = {}) {
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
