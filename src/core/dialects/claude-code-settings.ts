/** Claude Code's own settings.json with our permissions merged in, everything else as the user wrote it. */
import { DataError, issueText } from '../errors/friendly.ts';
import { parseJsonFile } from '../errors/json-text.ts';
import { jsonInLayoutOf } from './json-layout.ts';
import { mergeJson } from './merge-fragments.ts';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `settingsText` (a `.claude/settings.json`; empty for a file not written yet) with the fragment's
 * `permissions.allow|ask|deny` added to the file's own lists, without repeats: keys keep their order,
 * other keys and rules stay. Claude Code applies deny, then ask, then allow, so a rule the user had
 * can make a tool stricter than our policy, never looser. Throws a DataError naming `file` and the
 * JSON path when the file is not a settings object.
 */
export function mergeClaudeCodeSettings(settingsText: string, fragment: unknown, file: string): string {
  const settings = settingsText.trim() === '' ? {} : parseJsonFile(settingsText, file);
  const fail = (path: string[], message: string) =>
    new DataError([
      issueText({ ...(path.length > 0 ? { path } : {}), message, hint: 'fix the file, or write the policy without --config and merge it by hand' }, file),
    ]);
  if (!isObject(settings)) throw fail([], 'expected a JSON object (Claude Code settings)');
  const permissions = settings.permissions;
  if (permissions !== undefined && !isObject(permissions)) throw fail(['permissions'], 'expected an object with allow, ask and deny lists');
  for (const list of ['allow', 'ask', 'deny'] as const) {
    const rules = permissions?.[list];
    if (rules !== undefined && (!Array.isArray(rules) || !rules.every((rule) => typeof rule === 'string')))
      throw fail(['permissions', list], 'expected a list of rule strings');
  }
  return jsonInLayoutOf(settingsText, mergeJson(settings, fragment));
}
