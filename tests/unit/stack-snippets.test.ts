import { describe, expect, it } from 'vitest';
import { POLICY_FORMATS } from '../../src/core/dialects/formats.ts';
import { DIALECTS } from '../../src/core/dialects/registry.ts';
import { stackDialectSnippets } from '../../src/core/dialects/stack-snippets.ts';
import { serverSlices } from '../../src/core/flows/server-slices.ts';
import type { Policy } from '../../src/core/policy/schema.ts';

// Two servers as /stack/ has them from their flows.json: a send that needs approval, reads allowed, a shared name.
const combined: Policy = {
  version: '1',
  default: 'deny',
  tools: {
    read_notes: { limits: [{ counter: 'calls', window: 'minute', max: 30, scope: 'session' }] },
    post_message: { action: 'require_approval', reason: 'Ends a toxic flow.' },
    list_items: {},
  },
};
const servers = serverSlices(combined, [
  { slug: 'notes-server', name: 'notes-server', tools: [{ name: 'read_notes' }, { name: 'list_items' }] },
  { slug: 'chat-server', name: 'chat-server', tools: [{ name: 'post_message' }, { name: 'list_items' }] },
]);

describe('serverSlices', () => {
  it("gives each server the rules of its own tool names, under the stack's default", () => {
    expect(servers.map((server) => Object.keys(server.policy.tools ?? {}))).toEqual([
      ['read_notes', 'list_items'],
      ['post_message', 'list_items'],
    ]);
    expect(servers.every((server) => server.policy.default === 'deny')).toBe(true);
  });
});

describe("stackDialectSnippets: the stack page's client formats", () => {
  const snippets = stackDialectSnippets(combined, servers);

  it('has every format of the registry, in its order', () => {
    expect(snippets.map((snippet) => snippet.id)).toEqual(DIALECTS.map((dialect) => dialect.id));
  });

  it.each(DIALECTS.map((dialect) => dialect.id))('%s: writes what `policy --for` writes, naming both servers', (id) => {
    const snippet = snippets.find((s) => s.id === id)!;
    const cli = POLICY_FORMATS[id]!.write(combined, servers);
    expect(snippet.text).toBe(cli.text);
    expect(snippet.lost).toEqual(cli.lost);
    // Claude Code writes a server's name with - kept; every format names each server somewhere.
    expect(snippet.text).toContain('notes-server');
    expect(snippet.text).toContain('chat-server');
    expect(snippet.placement).toMatch(/notes-server.*The same goes for chat-server, each under its own name\.$/s);
  });

  it("says where one server's rules go as the server pages do", () => {
    const [one] = stackDialectSnippets(combined, servers.slice(0, 1));
    expect(one!.placement).toBe(DIALECTS[0].placement('notes-server'));
  });
});
