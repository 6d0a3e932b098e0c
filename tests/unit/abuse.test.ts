import { describe, expect, it } from 'vitest';
import { abusePatterns } from '../../src/core/catalog/abuse.ts';
import { classifyTool, type Classification } from '../../src/core/classify/classify-tool.ts';
import { CATEGORIES, SIGNALS, type Category, type Signal } from '../../src/core/risk.ts';

const rated = (category: Category, signals: Signal[] = []): Classification => ({ ...classifyTool({ name: 'x' }), category, signals });
const titles = (category: Category, signals: Signal[] = []) => abusePatterns(rated(category, signals)).map((pattern) => pattern.title);

describe('abusePatterns', () => {
  it("a tool without signals gets its category's pattern alone", () => {
    expect(titles('read')).toEqual(['Prompt-injected exfiltration']);
    expect(titles('financial')).toEqual(['Financial loss']);
  });

  it("then one pattern per signal, in the order of the rating's signals", () => {
    expect(titles('execute', ['shell-command', 'credentials'])).toEqual(['Full takeover', 'Command injection', 'Credential theft']);
    expect(titles('execute', ['credentials', 'shell-command'])).toEqual(['Full takeover', 'Credential theft', 'Command injection']);
  });

  it('every category and every signal has its own pattern, with words to show', () => {
    const byCategory = CATEGORIES.map((category) => abusePatterns(rated(category))[0]!);
    const bySignal = SIGNALS.map((signal) => abusePatterns(rated('other', [signal]))[1]);
    for (const pattern of [...byCategory, ...bySignal]) {
      expect(pattern?.title.trim()).toBeTruthy();
      expect(pattern?.text.trim()).toBeTruthy();
    }
    expect(new Set([...byCategory, ...bySignal].map((pattern) => pattern!.title)).size).toBe(CATEGORIES.length + SIGNALS.length);
  });

  it('a tool poisoning rating names it', () => {
    expect(titles('read', ['suspicious-description'])).toEqual(['Prompt-injected exfiltration', 'Tool poisoning']);
  });
});
