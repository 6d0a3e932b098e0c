import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { buildRelatedIndex, relatedTools } from '../../src/core/catalog/related.ts';
import { planBuild, serverKeys } from '../../src/build/server-keys.ts';
import { isLowConfidence } from '../../src/core/risk.ts';
import type { ServerFile } from '../../src/core/schema/server.ts';

const server = (slug: string, data: ServerFile) => ({ slug, file: `servers/${slug}.json`, data });
const files = () => [
  server('alpha', {
    name: 'Alpha',
    tools: [
      { name: 'list_invoices', description: 'Lists invoices.' },
      { name: 'delete_invoice', description: 'Deletes one.' },
    ],
  }),
  server('beta', { name: 'Beta', tools: [{ name: 'get_invoice', description: 'Reads one invoice.' }] }),
  server('gamma', { name: 'Gamma', tools: [{ name: 'send_email', description: 'Sends mail.' }] }),
];
const keysOf = (servers: ReturnType<typeof files>, salt = 'code-1') => {
  const catalog = buildCatalog(servers);
  return serverKeys(catalog, buildRelatedIndex(catalog), salt);
};

describe('server keys', () => {
  it('are stable for the same catalog and salt', () => {
    expect(keysOf(files())).toEqual(keysOf(files()));
  });

  it('change for the server whose data changed, and only for it when what changed is not shown elsewhere', () => {
    const before = keysOf(files());
    const changed = files();
    changed[1]!.data.tools[0]!.description = 'Reads one invoice, with its lines.';
    const after = keysOf(changed);
    expect(after.get('beta')).not.toBe(before.get('beta'));
    // alpha's pages list get_invoice as a related tool, by name, server and badge: not its description.
    expect(after.get('alpha')).toBe(before.get('alpha'));
    expect(after.get('gamma')).toBe(before.get('gamma'));
  });

  it('change for servers whose tool pages list a changed tool as related, when what they show of it changed', () => {
    const before = keysOf(files());
    const renamed = files();
    renamed[1]!.data.name = 'Beta Billing';
    expect(keysOf(renamed).get('alpha')).not.toBe(before.get('alpha'));
    const riskier = files();
    riskier[1]!.data.tools[0]!.annotations = { readOnlyHint: false, destructiveHint: true };
    riskier[1]!.data.tools[0]!.description = 'Deletes the invoice after reading it.';
    const after = keysOf(riskier);
    expect(buildCatalog(riskier).tools.find((t) => t.name === 'get_invoice')!.classification.level).not.toBe(
      buildCatalog(files()).tools.find((t) => t.name === 'get_invoice')!.classification.level,
    );
    expect(after.get('alpha')).not.toBe(before.get('alpha'));
    expect(after.get('gamma')).toBe(before.get('gamma'));
  });

  it('change for servers that list a related tool whose badge turns uncertain (same level and category, low confidence)', () => {
    const withTool = (annotations?: { readOnlyHint: boolean }) => {
      const servers = files();
      servers[1]!.data.tools[0] = { name: 'invoice_frob', description: 'Removes the invoice.', ...(annotations ? { annotations } : {}) };
      return servers;
    };
    const ratingOf = (servers: ReturnType<typeof files>) => buildCatalog(servers).tools.find((t) => t.name === 'invoice_frob')!.classification;
    const sure = ratingOf(withTool());
    const unsure = ratingOf(withTool({ readOnlyHint: true }));
    expect([unsure.level, unsure.category]).toEqual([sure.level, sure.category]);
    expect([isLowConfidence(sure.confidence), isLowConfidence(unsure.confidence)]).toEqual([false, true]);
    const catalog = buildCatalog(withTool());
    const deleteInvoice = catalog.tools.find((t) => t.name === 'delete_invoice')!;
    expect(relatedTools(deleteInvoice, buildRelatedIndex(catalog)).map((t) => t.name)).toContain('invoice_frob');
    expect(keysOf(withTool({ readOnlyHint: true })).get('alpha')).not.toBe(keysOf(withTool()).get('alpha'));
  });

  it('all change with the salt (the code or the deployment URL)', () => {
    const one = keysOf(files(), 'code-1');
    const two = keysOf(files(), 'code-2');
    for (const [slug, key] of one) expect(two.get(slug)).not.toBe(key);
  });
});

describe('the build plan', () => {
  it('reuses exactly the servers whose key the previous build recorded', () => {
    const keys = new Map([
      ['a', 'k1'],
      ['b', 'k2'],
      ['c', 'k3'],
    ]);
    const plan = planBuild(
      keys,
      new Map([
        ['a', 'k1'],
        ['b', 'old'],
        ['gone', 'k9'],
      ]),
    );
    expect([...plan.reused]).toEqual(['a']);
    expect(['a', 'b', 'c'].map((slug) => plan.renders(slug))).toEqual([false, true, true]);
    expect(planBuild(keys, undefined).reused.size).toBe(0);
  });
});
