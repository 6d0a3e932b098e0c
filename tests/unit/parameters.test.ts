import { describe, expect, it } from 'vitest';
import { listParameters, parameterNames, unnamedInput, type Parameter } from '../../src/core/input-schema/parameters.ts';

const object = (properties: Record<string, unknown>, required?: string[], extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  ...(required ? { required } : {}),
  ...extra,
});

/** `path type` plus `!` when required: compact enough to compare whole lists inline. */
const brief = (parameters: Parameter[]) => parameters.map((p) => `${p.path} ${p.type}${p.required ? ' !' : ''}`);

describe('listParameters: paths, types and required flags', () => {
  it.each<[string, unknown, string[]]>([
    ['flat, with required flags', object({ path: { type: 'string' }, head: { type: 'integer' } }, ['path']), ['path string !', 'head integer']],
    [
      'nested objects give dotted paths',
      object({ options: object({ timeout: { type: 'number' }, retry: object({ max: { type: 'integer' } }, ['max']) }, ['timeout']) }, ['options']),
      ['options object !', 'options.timeout number !', 'options.retry object', 'options.retry.max integer !'],
    ],
    [
      'arrays of objects give items[].x',
      object({ items: { type: 'array', items: object({ id: { type: 'string' }, tags: { type: 'array', items: { type: 'string' } } }, ['id']) } }),
      ['items object[]', 'items[].id string !', 'items[].tags string[]'],
    ],
    [
      'a local $ref into $defs is resolved',
      object({ user: { $ref: '#/$defs/User' } }, ['user'], { $defs: { User: object({ name: { type: 'string' }, email: { type: 'string' } }, ['email']) } }),
      ['user object !', 'user.name string', 'user.email string !'],
    ],
    [
      'a local $ref into definitions is resolved',
      object({ user: { $ref: '#/definitions/User' } }, [], { definitions: { User: object({ name: { type: 'string' } }) } }),
      ['user object', 'user.name string'],
    ],
    [
      'an array whose items are a $ref',
      object({ users: { type: 'array', items: { type: 'object', $ref: '#/$defs/User' } } }, [], {
        $defs: { User: object({ id: { type: 'integer' } }, ['id']) },
      }),
      ['users object[]', 'users[].id integer !'],
    ],
    ['a remote $ref stays unresolved', object({ a: { $ref: 'https://example.com/a.json' } }), ['a object']],
    ['a dangling $ref stays unresolved', object({ a: { $ref: '#/$defs/Missing' } }), ['a object']],
    [
      'union and untyped properties',
      object({ u: { type: ['string', 'null'] }, any: {}, one: { anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'string' }] }, e: { enum: ['a'] } }),
      ['u string | null', 'any any', 'one string | number', 'e enum'],
    ],
    ['required names that are not properties are ignored', object({ a: { type: 'string' } }, ['a', 'ghost']), ['a string !']],
  ])('%s', (_label, schema, expected) => {
    expect(brief(listParameters(schema))).toEqual(expected);
  });
});

const deepSchema = (levels: number) => {
  let node: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < levels; i++) node = object({ n: node });
  return node;
};

const recursive = object({ node: { $ref: '#/$defs/Node' } }, [], {
  $defs: { Node: object({ value: { type: 'string' }, next: { $ref: '#/$defs/Node' }, children: { type: 'array', items: { $ref: '#/$defs/Node' } } }) },
});

describe('listParameters: limits', () => {
  it.each([5, 10, 50])('caps a schema %i levels deep at four levels', (levels) => {
    expect(listParameters(deepSchema(levels)).map((p) => p.path)).toEqual(['n', 'n.n', 'n.n.n', 'n.n.n.n']);
  });

  it.each<[string, unknown]>([
    ['a property that refers to its own definition', recursive],
    ['a schema whose root refers to itself', { $ref: '#', ...object({ self: { $ref: '#' } }) }],
    [
      'two definitions that refer to each other',
      object({ a: { $ref: '#/$defs/A' } }, [], { $defs: { A: object({ b: { $ref: '#/$defs/B' } }), B: object({ a: { $ref: '#/$defs/A' } }) } }),
    ],
  ])('terminates on %s', (_label, schema) => {
    const parameters = listParameters(schema);
    expect(parameters.length).toBeGreaterThan(0);
    expect(parameters.length).toBeLessThanOrEqual(200);
  });

  // The doc comment promises "resolving local $refs once each": a reference already being expanded
  // on the current path is listed, not expanded again.
  it('expands a recursive $ref once per path', () => {
    expect(brief(listParameters(recursive))).toEqual(['node object', 'node.value string', 'node.next object', 'node.children array']);
  });

  it('lists at most 200 parameters', () => {
    const properties = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`p${i}`, { type: 'string' }]));
    const parameters = listParameters(object(properties));
    expect(parameters).toHaveLength(200);
    expect(parameters.at(-1)!.path).toBe('p199');
  });
});

describe('listParameters: descriptions, enums and defaults', () => {
  it.each<[string, unknown, Partial<Parameter>]>([
    ['a description', { type: 'string', description: 'Where to read' }, { description: 'Where to read' }],
    ['an empty description is dropped', { type: 'string', description: '' }, {}],
    ['string enum and default', { type: 'string', enum: ['fast', 'slow'], default: 'fast' }, { enumValues: ['"fast"', '"slow"'], defaultValue: '"fast"' }],
    ['mixed enum', { enum: [1, null, true] }, { type: 'enum', enumValues: ['1', 'null', 'true'] }],
    ['number default', { type: 'integer', default: 10 }, { defaultValue: '10' }],
    ['false default is kept', { type: 'boolean', default: false }, { defaultValue: 'false' }],
    ['null default is kept', { type: 'string', default: null }, { defaultValue: 'null' }],
    ['object default as JSON', { type: 'object', default: { a: 1 } }, { defaultValue: '{"a":1}' }],
    ['long default is cut at 80 characters', { type: 'string', default: 'x'.repeat(100) }, { defaultValue: `"${'x'.repeat(78)}…` }],
    ['description on the $ref wins', { $ref: '#/$defs/T', description: 'Mine' }, { type: 'string', description: 'Mine' }],
  ])('%s', (_label, property, expected) => {
    const [parameter] = listParameters(object({ p: property }, [], { $defs: { T: { type: 'string', description: 'Theirs' } } }));
    expect(parameter).toEqual({ path: 'p', type: expected.type ?? parameter!.type, required: false, ...expected });
  });

  it('renders a long default at exactly 80 characters', () => {
    expect(listParameters(object({ p: { default: 'y'.repeat(500) } }))[0]!.defaultValue).toHaveLength(80);
  });
});

describe('listParameters: inputs that are not object schemas', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'object'],
    ['a number', 42],
    ['a boolean', true],
    ['an array', [{ type: 'object' }]],
    ['an empty object', {}],
    ['an object without properties', { type: 'object' }],
    ['only $schema', { $schema: 'http://json-schema.org/draft-07/schema#' }],
    ['properties that are not objects', { type: 'object', properties: { a: 'string', b: null, c: [1] } }],
  ])('%s -> []', (_label, input) => {
    expect(listParameters(input)).toEqual([]);
  });
});

describe('listParameters: boolean schemas (JSON Schema: true accepts any value, false none)', () => {
  it('lists a property given as true, of any type, and leaves out one given as false', () => {
    const schema = { type: 'object', properties: { payload: true, forbidden: false, id: { type: 'string' } }, required: ['payload'] };
    expect(listParameters(schema)).toEqual([
      { path: 'payload', type: 'any', required: true },
      { path: 'id', type: 'string', required: false },
    ]);
  });
});

describe('parameterNames', () => {
  it('keeps the last word of each path, lower-cased, without []', () => {
    const schema = object({
      filePath: { type: 'string' },
      items: { type: 'array', items: object({ ID: { type: 'string' } }) },
      opts: object({ Force: { type: 'boolean' } }),
    });
    expect(parameterNames(listParameters(schema))).toEqual(['filepath', 'items', 'id', 'opts', 'force']);
  });
});

describe('unnamedInput: what a schema accepts beyond the parameters it names', () => {
  it.each<[string, unknown, string | undefined]>([
    ['no schema', undefined, undefined],
    ['an empty object schema', { type: 'object' }, undefined],
    ['named properties only', { type: 'object', properties: { id: { type: 'string' } } }, undefined],
    ['closed to other keys', { type: 'object', additionalProperties: false }, undefined],
    ['keys by pattern', { type: 'object', patternProperties: { '^x-': { type: 'string' } } }, 'keys matching "^x-"'],
    ['any other keys', { type: 'object', additionalProperties: { type: 'number' } }, 'keys it does not name (additionalProperties)'],
    ['a string instead of an object', { type: 'string' }, 'a value of type string instead of named parameters'],
    [
      'one of several shapes',
      {
        anyOf: [
          { type: 'object', properties: { a: {} } },
          { type: 'object', properties: { b: {} } },
        ],
      },
      'input of the shapes its anyOf lists',
    ],
    ['the schema true', true, 'any input'],
  ])('%s', (_name, schema, expected) => {
    expect(unnamedInput(schema)).toBe(expected);
  });
});
