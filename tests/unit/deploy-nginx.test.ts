import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersFile } from '../../src/core/site/headers.ts';

interface Block {
  /** `location /atlas/_astro/`, or `` for the file's top level. */
  head: string;
  /** Header name → value, from this block's own add_header lines (nginx does not merge them). */
  headers: Map<string, string>;
}

const unquote = (value: string) => value.replace(/^"(.*)"$/, '$1');

/** The blocks of an nginx config with their own add_header lines: enough of nginx's syntax for this file. */
function blocks(conf: string): Block[] {
  const text = conf.replace(/^\s*#.*$/gm, '');
  const all: Block[] = [{ head: '', headers: new Map() }];
  const open: Block[] = [all[0]!];
  let statement = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    if (quoted || !'{};'.includes(ch)) {
      statement += ch;
      continue;
    }
    const words = statement.trim().replace(/\s+/g, ' ');
    statement = '';
    if (ch === '{') {
      const block = { head: words, headers: new Map<string, string>() };
      all.push(block);
      open.push(block);
    } else if (ch === '}') {
      open.pop();
    } else {
      const header = /^add_header (\S+) ("[^"]*"|\S+)( always)?$/.exec(words);
      if (header) open.at(-1)!.headers.set(header[1]!.toLowerCase(), unquote(header[2]!));
    }
  }
  return all;
}

/** `_headers` rules by path pattern: Netlify and Cloudflare apply every rule a path matches. */
function headerRules(file: string): Map<string, Map<string, string>> {
  const rules = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of file.split('\n')) {
    if (!line.trim()) continue;
    if (!line.startsWith(' ')) rules.set(line.trim(), (current = new Map()));
    else {
      const [name, ...value] = line.trim().split(': ');
      current!.set(name!.toLowerCase(), value.join(': '));
    }
  }
  return rules;
}

const conf = readFileSync(new URL('../../docs/deploy/nginx.conf', import.meta.url), 'utf8');
const locations = blocks(conf).filter((b) => b.head.startsWith('location '));
// The config ships the policy without the build's script hashes; the deployer pastes them in.
const rules = headerRules(headersFile('/atlas/', []));
const SECURITY_HEADERS = [...rules.get('/atlas/*')!.keys()].filter((name) => name !== 'cache-control');

describe('docs/deploy/nginx.conf', () => {
  it('has the locations of the site, its assets and its search index', () => {
    expect(locations.map((l) => l.head)).toEqual(['location /atlas/', 'location /atlas/_astro/', 'location /atlas/pagefind/']);
  });

  it.each(locations.map((l) => [l.head, l] as const))('%s sends every security header, since nginx does not inherit add_header into it', (_head, location) => {
    expect(SECURITY_HEADERS).toEqual(expect.arrayContaining(['content-security-policy', 'x-content-type-options']));
    for (const name of SECURITY_HEADERS) expect(location.headers.get(name), name).toBe(rules.get('/atlas/*')!.get(name));
  });

  it.each(locations.map((l) => [l.head, l] as const))('%s sends the Cache-Control of dist/_headers', (head, location) => {
    const pattern = `${head.replace('location ', '')}*`;
    expect(location.headers.get('cache-control')).toBe((rules.get(pattern) ?? rules.get('/atlas/*')!).get('cache-control'));
  });
});
