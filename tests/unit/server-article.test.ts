import { describe, expect, it } from 'vitest';
import { PolicySchema } from '../../src/core/policy/schema.ts';
import type { ServerFile, Tool } from '../../src/core/schema/server.ts';
import { DISAGREEING_TOOLS_NAMED, SERVER_POLICY_SHOWN_MAX_TOOLS, serverArticle } from '../../src/core/site/server-article.ts';
import { catalogOf } from '../support/small-catalog.ts';
import { parseServerFile } from '../../src/core/catalog/server-file.ts';
import { codeHostServer } from '../fixtures/code-host-server.ts';

const tool = (name: string, extra: Partial<Tool> = {}): Tool => ({
  name,
  description: `Does ${name.replace(/_/g, ' ')}.`,
  inputSchema: { type: 'object' },
  ...extra,
});
const serverOf = (data: Partial<ServerFile>) =>
  catalogOf({ shop: { name: 'Shop Server', transport: ['stdio'], tools: [], ...data } as ServerFile }).servers[0]!;

describe('serverArticle: what a server page lays out', () => {
  it('names its trail, and describes a server without a description by its count', () => {
    const view = serverArticle(serverOf({ tools: [tool('list_orders'), tool('get_order')] }));
    expect(view.path).toBe('/servers/shop/');
    expect(view.trail).toEqual([{ label: 'Home', path: '/' }, { label: 'Servers', path: '/servers/' }, { label: 'Shop Server' }]);
    expect(view.description).toBe('2 MCP tools of the Shop Server, with risk ratings and a policy.');
    expect(serverArticle(serverOf({ description: 'Sells things.' })).description).toBe('Sells things.');
  });

  it('says nothing of annotations for a server without tools, and links the tools whose hints disagree', () => {
    expect(serverArticle(serverOf({})).annotations).toBeUndefined();
    const view = serverArticle(
      serverOf({ tools: [tool('delete_order', { annotations: { readOnlyHint: true } }), tool('list_orders', { annotations: { readOnlyHint: true } })] }),
    );
    expect(view.annotations?.disagree).toEqual([{ name: 'delete_order', path: '/servers/shop/delete-order/' }]);
    expect(view.annotations?.summary).toMatch(/one tool declares hints that disagree/);
    expect(view.annotations?.disagreeUnnamed).toBe(0);
  });

  it(`names at most ${DISAGREEING_TOOLS_NAMED} tools whose hints disagree, and counts the rest`, () => {
    const tools = Array.from({ length: 40 }, (_, i) => tool(`delete_order_${i}`, { annotations: { readOnlyHint: true } }));
    const view = serverArticle(serverOf({ tools }));
    expect(view.annotations?.summary).toMatch(/^40 tools declare hints that disagree/);
    expect(view.annotations?.disagree.map((link) => link.name)).toEqual(
      tools
        .map((t) => t.name)
        .sort()
        .slice(0, DISAGREEING_TOOLS_NAMED),
    );
    expect(view.annotations?.disagreeUnnamed).toBe(40 - DISAGREEING_TOOLS_NAMED);
  });

  it(`shows the server policy up to ${SERVER_POLICY_SHOWN_MAX_TOOLS} tools, and links its file always`, () => {
    const tools = (n: number) => Array.from({ length: n }, (_, i) => tool(`list_orders_${i}`));
    const shown = serverArticle(serverOf({ tools: tools(SERVER_POLICY_SHOWN_MAX_TOOLS) }));
    const linked = serverArticle(serverOf({ tools: tools(SERVER_POLICY_SHOWN_MAX_TOOLS + 1) }));
    expect([shown.showPolicy, linked.showPolicy]).toEqual([true, false]);
    expect(linked.policyPath).toBe('/servers/shop/policy.json');
    expect(linked.policyKilobytes).toBe(String(Math.ceil(Buffer.byteLength(linked.policyJson) / 1024)));
  });

  it('lists changed tools newest first, with the date each changed', () => {
    const dated = (name: string, lastChanged: string) => tool(name, { firstSeen: '2025-01-01', lastChanged } as Partial<Tool>);
    const view = serverArticle(serverOf({ tools: [dated('list_orders', '2025-02-01'), dated('get_order', '2025-03-01'), tool('ship_order')] }));
    expect(view.changes).toEqual([
      { name: 'get_order', path: '/servers/shop/get-order/', date: '2025-03-01' },
      { name: 'list_orders', path: '/servers/shop/list-orders/', date: '2025-02-01' },
    ]);
  });

  it('offers the strict policy only where it denies more, naming what it denies', () => {
    expect(serverArticle(serverOf({ tools: [tool('list_orders')] })).strict).toBeUndefined();
    const { data } = parseServerFile(codeHostServer, 'shop.json');
    const view = serverArticle(serverOf({ tools: data.tools }));
    expect(view.strict?.denied).toEqual(['list_issues', 'read_file']);
    expect(PolicySchema.parse(JSON.parse(view.strict!.json!)).tools!.read_file!.action).toBe('deny');
    expect(view.policy.tools!.read_file!.action).toBeUndefined();
  });

  it('writes the server policy as valid policy-v1 text, highlighted only for a small server', () => {
    const small = serverArticle(serverOf({ tools: Array.from({ length: 25 }, (_, i) => tool(`get_item_${i}`)) }));
    expect(PolicySchema.safeParse(JSON.parse(small.policyJson)).success).toBe(true);
    expect(Object.keys(small.policy.tools ?? {})).toHaveLength(25);
    expect(small.highlightPolicy).toBe(true);
    expect(serverArticle(serverOf({ tools: Array.from({ length: 26 }, (_, i) => tool(`get_item_${i}`)) })).highlightPolicy).toBe(false);
  });
});
