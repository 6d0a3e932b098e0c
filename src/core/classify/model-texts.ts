import type { Tool } from '../schema/server.ts';
import type { EvidenceSource } from '../risk.ts';

/** A place in a tool definition, innermost key first; `renderPath` spells it out. */
export interface JsonPath {
  key: string | number;
  parent: JsonPath | undefined;
}

/** One text of a tool definition that a model reads, and where it sits in the definition. */
export interface ModelText {
  text: string;
  path: JsonPath;
  source: EvidenceSource;
}

export interface ModelTexts {
  texts: ModelText[];
  /** Where the walk stopped for lack of budget, when it did: what lies beyond went unread. */
  unread?: JsonPath;
}

// A model gets the whole inputSchema, so every key and string in it is read, to any depth. The walk
// is iterative (schemas can nest 20,000 deep) and stops at these budgets, far above real schemas:
// the largest of 1,297 real tools has 756 nodes, and all of them together 400,000 characters.
export const MAX_SCHEMA_NODES = 50_000;
export const MAX_SCHEMA_CHARS = 1_000_000;
const MAX_PATH_SEGMENTS = 12;

const IDENTIFIER = /^[A-Za-z_$][\w$-]{0,63}$/;

function segment(key: string | number): string {
  if (typeof key === 'number') return `[${key}]`;
  if (IDENTIFIER.test(key)) return `.${key}`;
  return `[${JSON.stringify(key.length > 40 ? `${key.slice(0, 39)}…` : key)}]`;
}

/** `inputSchema.properties.path.description`; deep paths keep their head and tail. */
export function renderPath(node: JsonPath | undefined): string {
  const keys: (string | number)[] = [];
  for (let n = node; n; n = n.parent) keys.push(n.key);
  keys.reverse();
  const shown =
    keys.length > MAX_PATH_SEGMENTS ? [...keys.slice(0, 4).map(segment), `…(${keys.length - 10} levels)…`, ...keys.slice(-6).map(segment)] : keys.map(segment);
  return shown.join('').replace(/^\./, '');
}

/** The name, titles, description and every key and string of the input schema, in that order. */
export function modelTexts(tool: Tool): ModelTexts {
  const top = (key: string, parent?: JsonPath): JsonPath => ({ key, parent });
  const texts: ModelText[] = [{ text: tool.name, path: top('name'), source: 'name' }];
  if (tool.title) texts.push({ text: tool.title, path: top('title'), source: 'title' });
  if (tool.annotations?.title) texts.push({ text: tool.annotations.title, path: top('title', top('annotations')), source: 'annotation' });
  if (tool.description) texts.push({ text: tool.description, path: top('description'), source: 'description' });
  if (tool.inputSchema === undefined) return { texts };

  const stack: [unknown, JsonPath][] = [[tool.inputSchema, top('inputSchema')]];
  let nodes = 0;
  let chars = 0;
  const add = (text: string, path: JsonPath): boolean => {
    chars += text.length;
    if (chars > MAX_SCHEMA_CHARS) return false;
    if (text) texts.push({ text, path, source: 'schema' });
    return true;
  };
  while (stack.length > 0) {
    const [value, path] = stack.pop()!;
    if (++nodes > MAX_SCHEMA_NODES) return { texts, unread: path };
    if (typeof value === 'string') {
      if (!add(value, path)) return { texts, unread: path };
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push([value[i], { key: i, parent: path }]);
    } else if (typeof value === 'object' && value !== null) {
      // Keys (parameter names among them) in order; children pushed last-first to be read first-first.
      const children: [unknown, JsonPath][] = [];
      for (const [key, child] of Object.entries(value)) {
        const childPath: JsonPath = { key, parent: path };
        if (!add(key, childPath)) return { texts, unread: childPath };
        children.push([child, childPath]);
      }
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return { texts };
}
