import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { slugify } from '../../src/core/catalog/slug.ts';
import { CATEGORIES, LEVELS } from '../../src/core/risk.ts';
import { ServerFileSchema, SLUG_PATTERN } from '../../src/core/schema/server.ts';
import { generateCatalog, MAX_DESCRIPTION_CHARS, MAX_SERVER_TOOLS, NAME_STYLES, type NameStyle } from '../../scripts/bench/generate-catalog.ts';

const servers = generateCatalog({ tools: 3000, seed: 1 });
const tools = servers.flatMap((s) => s.data.tools);
const totalTools = (list: ReturnType<typeof generateCatalog>) => list.reduce((n, s) => n + s.data.tools.length, 0);

const STYLE_PATTERNS: Record<NameStyle, RegExp> = {
  snake: /^[a-z0-9]+(?:_[a-z0-9]+)+$/,
  kebab: /^[a-z0-9]+(?:-[a-z0-9]+)+$/,
  camel: /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]*)+$/,
  pascal: /^(?:[A-Z][a-z0-9]*){2,}$/,
  dotted: /^[a-z0-9_]+(?:\.[a-z0-9_]+)+$/,
};

/** Levels of nesting below the top-level properties, through objects and arrays of objects. */
function nesting(node: unknown): number {
  if (typeof node !== 'object' || node === null) return -1;
  const n = node as { properties?: Record<string, unknown>; items?: unknown };
  const children = [...Object.values(n.properties ?? {}), ...(n.items ? [n.items] : [])];
  const below = children.map((child) => nesting(child));
  return n.properties ? 1 + Math.max(-1, ...below) : Math.max(-1, ...below);
}

describe('generateCatalog', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    expect(generateCatalog({ tools: 400, seed: 7 })).toEqual(generateCatalog({ tools: 400, seed: 7 }));
    expect(JSON.stringify(generateCatalog({ tools: 400, seed: 8 }))).not.toBe(JSON.stringify(generateCatalog({ tools: 400, seed: 7 })));
  });

  it.each([1, 2, 7, 350, 351, 1234])('makes exactly %i tools', (n) => {
    expect(totalTools(generateCatalog({ tools: n, seed: 3 }))).toBe(n);
  });

  it('makes exactly the requested number at scale', () => {
    expect(totalTools(servers)).toBe(3000);
  });

  it('writes files that validate against ServerFileSchema, once written as JSON', () => {
    const problems = servers.flatMap(({ slug, data }) => {
      const result = ServerFileSchema.safeParse(JSON.parse(JSON.stringify(data)));
      return result.success ? [] : result.error.issues.slice(0, 3).map((i) => `${slug} › ${i.path.join('.')}: ${i.message}`);
    });
    expect(problems).toEqual([]);
  });

  it('gives each server a unique file slug and unique tool names', () => {
    expect(new Set(servers.map((s) => s.slug)).size).toBe(servers.length);
    for (const s of servers) {
      expect(s.slug).toMatch(SLUG_PATTERN);
      expect(new Set(s.data.tools.map((t) => t.name)).size).toBe(s.data.tools.length);
    }
  });

  it('keeps server sizes within 1..350, mostly small with a heavy tail', () => {
    const sizes = servers.map((s) => s.data.tools.length).sort((a, b) => a - b);
    expect(sizes[0]).toBeGreaterThanOrEqual(1);
    expect(sizes.at(-1)).toBeLessThanOrEqual(MAX_SERVER_TOOLS);
    expect(sizes.at(-1)).toBeGreaterThan(100);
    expect(sizes[Math.floor(sizes.length / 2)]).toBeLessThanOrEqual(20);
  });

  it.each(NAME_STYLES)('has tool names in %s style', (style) => {
    expect(tools.some((t) => STYLE_PATTERNS[style].test(t.name))).toBe(true);
  });

  it('has names that collide once slugged within a server', () => {
    const collisions = servers.filter((s) => new Set(s.data.tools.map((t) => slugify(t.name))).size < s.data.tools.length);
    expect(collisions.length).toBeGreaterThan(0);
  });

  describe('once classified', () => {
    const catalog = buildCatalog(servers.map(({ slug, data }) => ({ slug, file: `servers/${slug}.json`, data })));
    it.each(CATEGORIES)('has tools in the category %s', (category) => {
      expect(catalog.byCategory[category].length).toBeGreaterThan(0);
    });
    it.each(LEVELS)('has tools at the level %s', (level) => {
      expect(catalog.byLevel[level].length).toBeGreaterThan(0);
    });
  });

  it('spreads description lengths from missing to 13,000 characters, mostly 50 to 400', () => {
    const lengths = tools.map((t) => t.description?.length);
    expect(lengths).toContain(undefined);
    expect(lengths).toContain(0);
    const defined = lengths.filter((n): n is number => n !== undefined);
    expect(Math.max(...defined)).toBeLessThanOrEqual(MAX_DESCRIPTION_CHARS);
    expect(Math.max(...defined)).toBeGreaterThan(8000);
    expect(defined.filter((n) => n >= 50 && n <= 400).length).toBeGreaterThan(tools.length / 2);
    const markdown = tools.map((t) => t.description ?? '').filter((d) => d.length > 2000);
    expect(markdown.some((d) => /^#{2,3} /m.test(d) && d.includes('```') && /^(- |\d+\. )/m.test(d))).toBe(true);
  });

  it('varies input schemas: missing, $schema only, $ref/$defs, enums, arrays of objects, 0 to 8 levels', () => {
    const schemas = tools.map((t) => t.inputSchema);
    const json = schemas.map((s) => JSON.stringify(s ?? null));
    expect(schemas).toContain(undefined);
    expect(schemas.some((s) => s && Object.keys(s).length === 1 && '$schema' in s)).toBe(true);
    expect(json.some((j) => j.includes('"$defs"') && j.includes('"$ref"'))).toBe(true);
    expect(json.some((j) => j.includes('"enum"'))).toBe(true);
    expect(json.some((j) => /"type":"array","items":\{"type":"object"/.test(j))).toBe(true);
    const depths = new Set(schemas.map((s) => nesting(s)));
    expect(depths.has(0)).toBe(true);
    expect(Math.max(...depths)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...depths)).toBeLessThanOrEqual(8);
  });

  it('annotates about half the tools', () => {
    const share = tools.filter((t) => t.annotations).length / tools.length;
    expect(share).toBeGreaterThan(0.4);
    expect(share).toBeLessThan(0.6);
  });

  it('includes hostile strings: script tags and emoji', () => {
    const text = JSON.stringify(servers);
    expect(text).toContain('<script>');
    expect(text).toContain('</script>');
    expect(text).toMatch(/\p{Extended_Pictographic}/u);
  });
});
