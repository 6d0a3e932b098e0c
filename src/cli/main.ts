/** `policy-atlas <command> [options]`. */
import { COMMANDS } from './commands.ts';
import type { CommandIO } from './io.ts';

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `Usage: policy-atlas <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun policy-atlas <command> --help for a command's options.`;
}

// The one place that touches the process: commands get their arguments and this, and return their status.
const io: CommandIO = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  interactive: Boolean(process.stdout.isTTY),
};

const [name, ...args] = process.argv.slice(2);
// Own keys only: `constructor` or `__proto__` must not find Object.prototype's members.
const command = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
if (!name || name === '--help' || name === '-h') {
  io.out(`${usage()}\n`);
  process.exitCode = name ? 0 : 2;
} else if (!command) {
  io.err(`policy-atlas: unknown command "${name}"\n\n${usage()}\n`);
  process.exitCode = 2;
} else {
  process.exitCode = await (await command.load()).run(args, io);
}
