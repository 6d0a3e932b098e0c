import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { loadCatalogDir } from '../../src/core/catalog/load.ts';
import { toolRule } from '../../src/core/catalog/tool-page.ts';
import { flowTool, serverPolicy } from '../../src/core/flows/catalog-flows.ts';
import { findFlows } from '../../src/core/flows/flows.ts';
import { serverFlows, serverFlowsRecord, stackServerList } from '../../src/core/flows/server-flows.ts';
import { policyDocument } from '../../src/core/catalog/recommend.ts';
import { validatePolicyText } from '../../src/core/policy/validate.ts';

const loaded = loadCatalogDir(fileURLToPath(new URL('../../data', import.meta.url)));
const catalog = buildCatalog(loaded);
const server = (slug: string) => catalog.servers.find((s) => s.slug === slug)!;

describe.each(catalog.servers.map((s) => [s.slug, s] as const))('flows of the sample server %s', (_slug, s) => {
  it('has a server policy the validator accepts without a word, which breaks each of its flows', () => {
    const policy = serverPolicy(s);
    expect(validatePolicyText(JSON.stringify(policy), { knownToolNames: catalog.tools.map((t) => t.name) })).toMatchObject({ ok: true, problems: [] });
    const denied = (name: string) => policy.tools?.[name]?.action === 'deny';
    for (const flow of findFlows(s.tools.map(flowTool))) expect(flow.legs.some((leg) => leg.tools.every((t) => denied(t.name)))).toBe(true);
  });
});

describe('the sample data', () => {
  it('has servers that make each flow on their own, and servers that make none', () => {
    const kinds = (slug: string) => serverFlows(server(slug)).flows.map((f) => f.kind);
    expect(kinds('mail-calendar')).toEqual(['exfiltration', 'injection', 'trifecta']);
    expect(kinds('github')).toContain('trifecta');
    expect(kinds('filesystem')).toEqual([]);
    expect(kinds('puppeteer')).toEqual([]);
  });

  it('has two servers that make a flow only together (the stack page test picks them)', () => {
    const tools = [...server('filesystem').tools, ...server('puppeteer').tools].map(flowTool);
    expect(findFlows(tools).map((f) => f.kind)).toEqual(['exfiltration', 'injection', 'trifecta']);
  });

  it('names the tools on each leg of a flow, with the evidence for each', () => {
    const { flows, evidence, diagram } = serverFlows(server('mail-calendar'));
    const trifecta = flows.find((f) => f.kind === 'trifecta')!;
    expect(Object.fromEntries(trifecta.legs.map((leg) => [leg.role, leg.tools.map((t) => t.name)]))).toEqual({
      untrusted: ['GetMessage', 'ListContacts', 'ListMessages', 'SearchMessages'],
      private: ['GetMessage', 'ListContacts', 'ListMessages', 'SearchMessages'],
      sink: ['ForwardMessage', 'SendEmail'],
    });
    expect(evidence.get('SendEmail')).toEqual([{ role: 'sink', source: 'schema', detail: 'parameter `to`' }]);
    expect(diagram?.boxes.map((box) => box.role)).toEqual(['private', 'untrusted', 'sink', 'destroys']);
  });

  it('keeps the recommended rules of a server without flows', () => {
    const s = server('filesystem');
    expect(serverPolicy(s)).toEqual(policyDocument(Object.fromEntries(s.tools.map((t) => [t.name, toolRule(t)])), 300));
  });
});

describe('flows.json and the stack list', () => {
  it('holds each tool’s name, roles (only when it has some) and recommended rule', () => {
    const record = serverFlowsRecord(server('mail-calendar'));
    expect(record.slug).toBe('mail-calendar');
    expect(record.tools.find((t) => t.name === 'SendEmail')).toEqual({ name: 'SendEmail', roles: ['sink'], rule: toolRule(server('mail-calendar').tools.find((t) => t.name === 'SendEmail')!) });
    expect(record.tools.find((t) => t.name === 'CreateCalendarEvent')).not.toHaveProperty('roles');
  });

  it('depends on its own server only, as the incremental build requires', () => {
    const alone = buildCatalog(loaded.filter((l) => l.slug === 'github'));
    expect(JSON.stringify(serverFlowsRecord(alone.servers[0]!))).toBe(JSON.stringify(serverFlowsRecord(server('github'))));
  });

  it('lists every server once, as [slug, name]', () => {
    const list = stackServerList(catalog);
    expect(list.map(([slug]) => slug)).toEqual(catalog.servers.map((s) => s.slug));
    expect(list).toContainEqual(['github', server('github').meta.name]);
  });
});

it('serverFlows carries the same policy as serverPolicy', () => {
  for (const s of catalog.servers) expect(serverFlows(s).policy).toEqual(serverPolicy(s));
});
