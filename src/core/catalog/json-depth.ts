/**
 * Parsed JSON can nest deeper than anything recursive can walk: JSON.parse takes 20,000 levels,
 * JSON.stringify and structuredClone then throw RangeError. The catalog reads this far and no further;
 * real schemas nest under 20 levels.
 */
export const MAX_NESTING = 64;

const isContainer = (value: unknown): value is object => value !== null && typeof value === 'object';

/** Whether `value` holds objects or arrays nested more than `max` levels (itself is level 1); walks without recursion. */
export function nestedDeeperThan(value: unknown, max: number): boolean {
  const stack: { node: object; level: number }[] = isContainer(value) ? [{ node: value, level: 1 }] : [];
  while (stack.length > 0) {
    const { node, level } = stack.pop()!;
    if (level > max) return true;
    for (const child of Object.values(node)) if (isContainer(child)) stack.push({ node: child, level: level + 1 });
  }
  return false;
}

/** A copy in which objects and arrays below level `max` are emptied (`{}`, `[]`); recursion stops at `max`. */
export function cutBelow(value: unknown, max: number, level = 1): unknown {
  if (!isContainer(value)) return value;
  if (level > max) return Array.isArray(value) ? [] : {};
  if (Array.isArray(value)) return value.map((item) => cutBelow(item, max, level + 1));
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, cutBelow(child, max, level + 1)]));
}
