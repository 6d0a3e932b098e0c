import { describe, expect, it } from 'vitest';
import { isCategory, isLevel, riskBadge } from '../../src/core/risk-badge.ts';
import { LEVELS } from '../../src/core/risk.ts';

describe('riskBadge', () => {
  it('gives each level its own shape, so the badge reads without colour', () => {
    const marks = LEVELS.map((level) => riskBadge(level).mark);
    expect(new Set(marks).size).toBe(LEVELS.length);
    expect(marks.every((mark) => mark.trim().length === 1)).toBe(true);
  });

  it('says the level, and the category when there is one', () => {
    expect(riskBadge('high')).toEqual({ className: 'badge', level: 'high', mark: '▲', text: 'High risk' });
    expect(riskBadge('critical', 'financial').text).toBe('Critical risk · Financial');
  });

  it('a low-confidence rating says so: "Medium?" on the badge, and in words for screen readers', () => {
    expect(riskBadge('medium', 'other', 0.25)).toEqual({
      className: 'badge',
      level: 'medium',
      mark: '◆',
      text: 'Medium? risk · Other',
      note: ' (low confidence: a cautious guess)',
    });
    expect(riskBadge('high', undefined, 0.39).text).toBe('High? risk');
  });

  it.each([0.4, 0.95, 1, undefined])('confidence %s: no doubt shown', (confidence) => {
    const badge = riskBadge('medium', 'other', confidence);
    expect(badge.text).toBe('Medium risk · Other');
    expect(badge.note).toBeUndefined();
  });

  it('accepts only known levels and categories read back from the index', () => {
    expect(isLevel('medium')).toBe(true);
    expect(isLevel('severe')).toBe(false);
    expect(isLevel(undefined)).toBe(false);
    expect(isCategory('destructive')).toBe(true);
    expect(isCategory('toString')).toBe(false);
  });
});
