/**
 * Tools grouped by name, each group in list order. MCP clients keep a name listed twice, so two lists
 * are compared copy by copy: the k-th listing of a name with the k-th listing of it in the other list.
 * Keyed by name alone, the last copy would hide the others (a poisoned copy listed first, say).
 */
export function copiesByName<T extends { name: string }>(tools: readonly T[]): Map<string, T[]> {
  const copies = new Map<string, T[]>();
  for (const tool of tools) {
    const group = copies.get(tool.name);
    if (group) group.push(tool);
    else copies.set(tool.name, [tool]);
  }
  return copies;
}

/** How a report names the k-th listing (from 0) of a name: the name alone for the first. */
export const copyLabel = (name: string, copy: number): string => (copy === 0 ? name : `${name} (listed again, copy ${copy + 1})`);
