import { formatJsonPath, issueText } from '../errors/friendly.ts';
import type { JsonPath } from './normalise.ts';

// MCP 2025-11-25: names SHOULD be 1 to 128 of these. Clients accept others, so others only warn.
const SPEC_NAME = /^[A-Za-z0-9_.-]{1,128}$/;
// What JSON.stringify leaves raw but still breaks or reorders a terminal line: C1 controls, line and
// paragraph separators, bidirectional overrides.
const UNSAFE_IN_MESSAGES = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A server-supplied name, quoted and escaped so that it stays on its message's one line. */
export function quotedName(name: string, max = 60): string {
  const shown = name.length > max ? `${name.slice(0, max)}…` : name;
  return JSON.stringify(shown).replace(UNSAFE_IN_MESSAGES, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A name as headings and links show it: one with nothing visible (MCP clients accept `""`) shows quoted. */
export const shownToolName = (name: string): string => (/\S/u.test(name) ? name : JSON.stringify(name));

/** Names outside MCP's rule and names listed twice: warnings, as clients accept both; every tool is kept. */
export function toolNameWarnings(tools: readonly { name: string }[], path: JsonPath): string[] {
  const warnings: string[] = [];
  const first = new Map<string, number>();
  tools.forEach(({ name }, index) => {
    const where = [...path, index, 'name'];
    if (!SPEC_NAME.test(name))
      warnings.push(issueText({ path: where, message: `${quotedName(name)} is outside MCP's tool-name rule (1 to 128 of A-Z a-z 0-9 _ - .), kept as sent` }));
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, index);
    else
      warnings.push(
        issueText({
          path: where,
          message: `${quotedName(name)} repeats ${formatJsonPath([...path, earlier, 'name'])}; both are kept, each with its own page`,
          hint: 'a server lists each tool once',
        }),
      );
  });
  return warnings;
}
