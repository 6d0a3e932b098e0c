/** Merging JSON fragments of several servers (or a fragment into a user's file) without losing or repeating anything. */

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `base` with `extra` merged in: objects key by key (the base's keys first, in their order, then the
 * new ones), arrays as the base's items followed by the extra items not already there (compared as
 * JSON), anything else from `extra` where the base has none, else the base's value kept.
 */
export function mergeJson(base: unknown, extra: unknown): unknown {
  if (isObject(base) && isObject(extra)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [key, value] of Object.entries(extra)) {
      // defineProperty: a key named __proto__ from a user's file is data, not the prototype.
      Object.defineProperty(merged, key, {
        value: Object.hasOwn(base, key) ? mergeJson(base[key], value) : value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(extra)) {
    const seen = new Set(base.map((item) => JSON.stringify(item)));
    return [...base, ...extra.filter((item) => !seen.has(JSON.stringify(item)) && seen.add(JSON.stringify(item)))];
  }
  return base === undefined ? extra : base;
}
