import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildCatalog, type CatalogTool } from '../../src/core/catalog/build-catalog.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';
import { loadCatalogDir } from '../../src/build/catalog/load.ts';
import { toolRule } from '../../src/core/catalog/tool-page.ts';
import { flowTool, serverPolicy } from '../../src/core/flows/catalog-flows.ts';
import { findFlows } from '../../src/core/flows/flows.ts';
import { serverFlows, serverFlowsRecord, stackServerList } from '../../src/core/flows/server-flows.ts';
import { policyDocument } from '../../src/core/catalog/recommend.ts';
import { validatePolicyText } from '../../src/core/policy/validate.ts';
import { evaluatePolicy } from '../../src/core/policy/evaluate.ts';
import type { Policy, Rule } from '../../src/core/policy/schema.ts';
import { parseServerFile } from '../../src/core/catalog/server-file.ts';
import { serverPolicyNote } from '../../src/core/flows/tool-policy-note.ts';
import { CODE_HOST_SLUG, codeHostServer } from '../fixtures/code-host-server.ts';

const ownRuleOf = (tool: CatalogTool) => toolRule(tool, loadDefinition(tool));

const loaded = loadCatalogDir(fileURLToPath(new URL('../../data', import.meta.url)));
const catalog = buildCatalog(loaded);
const server = (slug: string) => catalog.servers.find((s) => s.slug === slug)!;

// Only `allow` runs without a person; the evaluator decides, as a gateway would.
const unattended = (policy: Policy, name: string) => evaluatePolicy(policy, { tool: name, args: {}, time: 0 }).decision.effect === 'allow';

describe.each(catalog.servers.map((s) => [s.slug, s] as const))('flows of the sample server %s', (_slug, s) => {
  it('has server policies the validator accepts without a word: by default no flow runs without a person, strict denies a leg', () => {
    const policy = serverPolicy(s);
    const strict = serverPolicy(s, { strict: true });
    for (const p of [policy, strict])
      expect(validatePolicyText(JSON.stringify(p), { knownToolNames: catalog.tools.map((t) => t.name) })).toMatchObject({ ok: true, problems: [] });
    for (const flow of findFlows(s.tools.map(flowTool))) {
      expect(flow.legs.some((leg) => leg.tools.every((t) => !unattended(policy, t.name)))).toBe(true);
      expect(flow.legs.some((leg) => leg.tools.every((t) => strict.tools?.[t.name]?.action === 'deny'))).toBe(true);
    }
  });
});

describe('a code host server (files, issues, pull requests, pushes, comments)', () => {
  const { data } = parseServerFile(codeHostServer, `${CODE_HOST_SLUG}.json`);
  const host = buildCatalog([{ slug: CODE_HOST_SLUG, file: `${CODE_HOST_SLUG}.json`, data }]).servers[0]!;
  const ownRule = (name: string) => ownRuleOf(host.tools.find((t) => t.name === name)!);
  const READS = ['read_file', 'list_issues', 'get_pull_request'];
  const SENDS = ['create_pull_request', 'push_files', 'add_issue_comment'];

  it('makes the flows a code host makes: its private reads can leave through its sends', () => {
    expect(serverFlows(host).flows.map((f) => f.kind)).toEqual(['exfiltration', 'trifecta']);
  });

  it('by default allows the reads under their own limits, as their pages recommend, and puts every send under approval', () => {
    const tools = serverPolicy(host).tools!;
    for (const name of READS) {
      expect(tools[name]).toEqual(ownRule(name));
      expect(tools[name]!.limits?.length).toBeGreaterThan(0);
      expect(unattended(serverPolicy(host), name)).toBe(true);
    }
    for (const name of SENDS) expect(tools[name]).toEqual({ ...ownRule(name), action: 'require_approval', reason: expect.stringContaining('sends outside') });
  });

  it('strict denies the leg with the fewest tools (the private reads) and keeps the sends under approval', () => {
    const tools = serverPolicy(host, { strict: true }).tools!;
    expect(
      Object.keys(tools)
        .filter((name) => tools[name]!.action === 'deny')
        .sort(),
    ).toEqual(['list_issues', 'read_file']);
    expect(tools.get_pull_request).toEqual(ownRule('get_pull_request'));
    for (const name of SENDS) expect(tools[name]!.action).toBe('require_approval');
  });

  it('says on each tool page where the server policy is stricter, and why', () => {
    const note = (name: string) => {
      const tool = host.tools.find((t) => t.name === name)!;
      return serverPolicyNote(tool, ownRuleOf(tool));
    };
    expect(note('push_files')).toBe(
      'The server policy is stricter for this tool: a person approves each call, as it sends outside where a toxic flow of this server ends (Private data → outside; The lethal trifecta).',
    );
    expect(note('read_file')).toBe(
      'The strict server policy denies it, as it reads private data on the leg with the fewest tools of a toxic flow (Private data → outside).',
    );
    expect(note('get_pull_request')).toBeUndefined();
  });
});

describe.each(catalog.servers.map((s) => [s.slug, s] as const))('tool pages of the sample server %s', (_slug, s) => {
  it("say why wherever either server policy is stricter than the tool's own rule, and nowhere else", () => {
    const STRICTNESS = { allow: 0, require_approval: 1, deny: 2 };
    const strictness = (rule: Rule | undefined) => (rule === undefined ? 2 : STRICTNESS[rule.action ?? 'allow']);
    const policies = [serverPolicy(s), serverPolicy(s, { strict: true })];
    for (const tool of s.tools) {
      const stricter = policies.some((p) => strictness(p.tools?.[tool.name]) > strictness(toolRule(tool, loadDefinition(tool))));
      expect(serverPolicyNote(tool, ownRuleOf(tool)) !== undefined, tool.name).toBe(stricter);
    }
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
    expect(serverPolicy(s)).toEqual(policyDocument(Object.fromEntries(s.tools.map((t) => [t.name, toolRule(t, loadDefinition(t))])), 300));
  });
});

describe('flows.json and the stack list', () => {
  it('holds each tool’s name, roles (only when it has some) and recommended rule', () => {
    const record = serverFlowsRecord(server('mail-calendar'));
    expect(record.slug).toBe('mail-calendar');
    expect(record.tools.find((t) => t.name === 'SendEmail')).toEqual({
      name: 'SendEmail',
      roles: ['sink'],
      rule: ownRuleOf(server('mail-calendar').tools.find((t) => t.name === 'SendEmail')!),
    });
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

it('serverFlows carries the same policies as serverPolicy', () => {
  for (const s of catalog.servers) {
    expect(serverFlows(s).policy).toEqual(serverPolicy(s));
    expect(serverFlows(s).strict.policy).toEqual(serverPolicy(s, { strict: true }));
  }
});
