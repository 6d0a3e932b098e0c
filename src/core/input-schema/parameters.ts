/** Input parameters flattened from a tool's JSON Schema, for the parameters table and the classifier. */
export interface Parameter {
  /** Dotted path: `options.timeout`, `items[].id`. */
  path: string;
  type: string;
  required: boolean;
  description?: string;
  enumValues?: string[];
  defaultValue?: string;
}

const MAX_DEPTH = 4;
const MAX_PARAMETERS = 200;

type JsonObject = Record<string, unknown>;
const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Follows a local `#/$defs/x` or `#/definitions/x` reference; anything else stays unresolved. */
function resolveRef(node: JsonObject, root: JsonObject, seen: Set<string>): JsonObject {
  let current = node;
  while (typeof current.$ref === 'string' && current.$ref.startsWith('#/') && !seen.has(current.$ref)) {
    seen.add(current.$ref);
    let target: unknown = root;
    for (const part of current.$ref.slice(2).split('/')) {
      target = isObject(target) ? target[part.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
    }
    if (!isObject(target)) break;
    current = { ...target, ...(current.description ? { description: current.description } : {}) };
  }
  return current;
}

function typeOf(node: JsonObject): string {
  if (typeof node.type === 'string') {
    if (node.type === 'array' && isObject(node.items) && typeof node.items.type === 'string') {
      return `${node.items.type}[]`;
    }
    return node.type;
  }
  if (Array.isArray(node.type)) return node.type.filter((t) => typeof t === 'string').join(' | ');
  if (Array.isArray(node.enum)) return 'enum';
  for (const key of ['anyOf', 'oneOf'] as const) {
    const options = node[key];
    if (Array.isArray(options)) {
      const types = options.filter(isObject).map((o) => (typeof o.type === 'string' ? o.type : 'any'));
      return [...new Set(types)].join(' | ') || 'any';
    }
  }
  if (typeof node.$ref === 'string') return 'object';
  return 'any';
}

const shortJson = (value: unknown): string => {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Nested past what JSON.stringify can recurse (the loader cuts such values; other callers may not).
    text = '…';
  }
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
};

/** Lists parameters depth-first, four levels deep at most, resolving local `$ref`s once each. */
export function listParameters(inputSchema: unknown): Parameter[] {
  if (!isObject(inputSchema)) return [];
  const out: Parameter[] = [];
  const walk = (node: JsonObject, prefix: string, depth: number, seen: Set<string>) => {
    const resolved = resolveRef(node, inputSchema, seen);
    const properties = isObject(resolved.properties) ? resolved.properties : undefined;
    const container = properties ? resolved : isObject(resolved.items) ? resolveRef(resolved.items, inputSchema, seen) : undefined;
    const props = container && isObject(container.properties) ? container.properties : undefined;
    if (!props) return;
    const arrayMark = properties ? '' : '[]';
    const required = new Set(Array.isArray(container!.required) ? container!.required.filter((r) => typeof r === 'string') : []);
    for (const [name, given] of Object.entries(props)) {
      // JSON Schema's boolean schemas: `true` accepts any value (a parameter of any type), `false` none.
      const raw = given === true ? {} : given;
      if (out.length >= MAX_PARAMETERS || !isObject(raw)) continue;
      // Each path remembers the references it has followed, so a recursive $ref expands once per path.
      const childSeen = new Set(seen);
      const child = resolveRef(raw, inputSchema, childSeen);
      const path = prefix ? `${prefix}${arrayMark}.${name}` : name;
      out.push({
        path,
        type: typeOf(child),
        required: required.has(name),
        ...(typeof child.description === 'string' && child.description ? { description: child.description } : {}),
        ...(Array.isArray(child.enum) ? { enumValues: child.enum.map((v) => shortJson(v)) } : {}),
        ...(child.default !== undefined ? { defaultValue: shortJson(child.default) } : {}),
      });
      if (depth + 1 < MAX_DEPTH) walk(child, path, depth + 1, childSeen);
    }
  };
  walk(inputSchema, '', 0, new Set());
  return out;
}

/**
 * What a tool's input schema accepts beyond the parameters it names, in a few words; undefined when
 * it accepts nothing else. A schema of only `patternProperties`, `additionalProperties`, a
 * combination (`anyOf`...) or a non-object type takes input, which "no input parameters" would deny.
 */
export function unnamedInput(inputSchema: unknown): string | undefined {
  if (!isObject(inputSchema)) return inputSchema === true ? 'any input' : undefined;
  const schema = resolveRef(inputSchema, inputSchema, new Set());
  const kinds: string[] = [];
  if (typeof schema.type === 'string' && schema.type !== 'object') kinds.push(`a value of type ${schema.type} instead of named parameters`);
  else if (Array.isArray(schema.type) && !schema.type.includes('object'))
    kinds.push(`a value of type ${schema.type.filter((t) => typeof t === 'string').join(' or ')} instead of named parameters`);
  if (isObject(schema.patternProperties) && Object.keys(schema.patternProperties).length > 0)
    kinds.push(
      `keys matching ${Object.keys(schema.patternProperties)
        .map((pattern) => shortJson(pattern))
        .join(', ')}`,
    );
  if (schema.additionalProperties === true || isObject(schema.additionalProperties)) kinds.push('keys it does not name (additionalProperties)');
  for (const combination of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (Array.isArray(schema[combination]) && schema[combination].length > 0) kinds.push(`input of the shapes its ${combination} lists`);
  }
  return kinds.length > 0 ? kinds.join('; ') : undefined;
}

/** The last word of each parameter path, lower-cased: what the classifier reads. */
export function parameterNames(parameters: readonly Parameter[]): string[] {
  return parameters.map((p) => p.path.split('.').pop()!.replace('[]', '').toLowerCase());
}
