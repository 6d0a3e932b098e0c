import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';

describe('policy-atlas <command>', () => {
  // Names every plain object inherits: looked up naively they find Object.prototype's members.
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty'])('"%s" is an unknown command, exit 2', async (name) => {
    const result = await runCli([name]);
    expect(result.stderr).toMatch(new RegExp(`^policy-atlas: unknown command "${name}"\\n\\nUsage: policy-atlas <command>`));
    expect(result.code).toBe(2);
  }, 30_000);

  it('runs a known command', async () => {
    const result = await runCli(['import', '--help']);
    expect(result.stdout).toMatch(/^Usage: policy-atlas import/);
    expect(result.code).toBe(0);
  }, 30_000);
});
