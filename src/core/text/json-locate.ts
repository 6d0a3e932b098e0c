import { scanJson, type JsonPath } from './json-scan.ts';

export interface TextPosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units (what editors count for everything outside astral planes). */
  column: number;
}

/** Maps offsets to line and column; builds its index of line starts once. */
export function lineLocator(text: string): (offset: number) => TextPosition {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (offset) => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1 };
  };
}

interface TrieNode {
  children: Map<string | number, TrieNode>;
  offset: number;
}

/**
 * Where each path sits in `text` (already scanned without error): the offset of its key, or of its
 * value in an array. A path that does not exist (a missing property) gets its deepest existing
 * ancestor. One pass, following only the branches that lead to a wanted path.
 */
export function locatePaths(text: string, paths: readonly JsonPath[], maxDepth: number): number[] {
  const root: TrieNode = { children: new Map(), offset: -1 };
  for (const path of paths) {
    let node = root;
    for (const key of path) {
      let child = node.children.get(key);
      if (!child) node.children.set(key, (child = { children: new Map(), offset: -1 }));
      node = child;
    }
  }
  // nodes[d]: the trie node of the value most recently seen at depth d (undefined off the wanted branches).
  const nodes: (TrieNode | undefined)[] = [root];
  scanJson(text, {
    maxDepth,
    onValue: (path, offset) => {
      const depth = path.length;
      const node = depth === 0 ? root : nodes[depth - 1]?.children.get(path[depth - 1]!);
      nodes[depth] = node;
      // The last occurrence wins, as in JSON.parse when a key repeats.
      if (node) node.offset = offset;
    },
  });
  return paths.map((path) => {
    let node = root;
    let offset = root.offset;
    for (const key of path) {
      const child = node.children.get(key);
      if (!child || child.offset < 0) break;
      node = child;
      offset = child.offset;
    }
    return Math.max(offset, 0);
  });
}
