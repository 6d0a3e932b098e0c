import { describe, expect, it } from 'vitest';
import { readArgs, runCommandLine, UsageError } from '../../src/cli/command-line.ts';
import { collectIO } from '../support/command-io.ts';

const OPTIONS = { out: { type: 'string' }, env: { type: 'string', multiple: true }, update: { type: 'boolean' } } as const;

const usageError = (run: () => unknown): string => {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
};

describe('readArgs', () => {
  it('reads values, repeated multiple options, switches, --name=value and positionals', () => {
    const { values, positionals } = readArgs(['a', '--out=-x.json', '--env', 'A=1', '--update', '--env', 'B=2', 'b'], OPTIONS, { positionals: true });
    expect(values).toEqual({ out: '-x.json', env: ['A=1', 'B=2'], update: true });
    expect(positionals).toEqual(['a', 'b']);
  });

  it.each<[string, string[], string]>([
    ['an unknown option', ['--force'], 'unexpected argument "--force"'],
    ['an unknown option with a value', ['--token=hunter2'], 'unexpected argument "--token"'],
    ['a positional', ['stray'], 'unexpected argument "stray"'],
    ['a missing value', ['--out'], '--out needs a value'],
    ['a value that reads as an option', ['--out', '--update'], '--out needs a value (one that starts with "-" is written --out=<value>)'],
    ['a switch given a value', ['--update=yes'], '--update takes no value'],
    ['an option given twice', ['--out', 'a', '--out=b'], '--out is given twice'],
    ['a switch given twice', ['--update', '--update'], '--update is given twice'],
  ])('%s', (_, args, message) => {
    expect(usageError(() => readArgs(args, OPTIONS))).toBe(message);
  });

  it("words the mistakes as the command does, and never echoes an option's value", () => {
    const wording = { unknownOption: (option: string) => `unknown option "${option}"`, missingValue: () => '--out needs a file' };
    expect(usageError(() => readArgs(['--secret=hunter2'], OPTIONS, { wording }))).toBe('unknown option "--secret"');
    expect(usageError(() => readArgs(['--out'], OPTIONS, { wording }))).toBe('--out needs a file');
  });
});

describe('runCommandLine', () => {
  const line = { prefix: 'policy-atlas try: ', help: 'Usage: policy-atlas try [--out <file>]', parse: (args: string[]) => readArgs(args, OPTIONS).values };

  it('--help or -h anywhere prints the help on stdout, exit 0, and runs nothing', async () => {
    for (const args of [['--help'], ['--bogus', '-h']]) {
      const { io, written } = collectIO();
      expect(await runCommandLine(args, io, line, async () => 1)).toBe(0);
      expect(written).toEqual({ stdout: 'Usage: policy-atlas try [--out <file>]\n', stderr: '' });
    }
  });

  it('runs with the options read, returning its status', async () => {
    const { io } = collectIO();
    expect(await runCommandLine(['--out', 'x'], io, line, async (options) => (options.out === 'x' ? 3 : 4))).toBe(3);
  });

  it('a usage error, from reading or from the run, goes to stderr with the help (unless it says not to), exit 2', async () => {
    const bad = collectIO();
    expect(await runCommandLine(['--bogus'], bad.io, line, async () => 0)).toBe(2);
    expect(bad.written).toEqual({ stdout: '', stderr: 'policy-atlas try: unexpected argument "--bogus"\n\nUsage: policy-atlas try [--out <file>]\n' });
    const late = collectIO();
    expect(
      await runCommandLine([], late.io, line, async () => {
        throw new UsageError('--out: no such folder', { withHelp: false });
      }),
    ).toBe(2);
    expect(late.written.stderr).toBe('policy-atlas try: --out: no such folder\n');
  });

  it('any other error is not a usage error: it goes on up', async () => {
    const { io } = collectIO();
    await expect(
      runCommandLine([], io, line, async () => {
        throw new TypeError('a bug');
      }),
    ).rejects.toThrow('a bug');
  });
});
