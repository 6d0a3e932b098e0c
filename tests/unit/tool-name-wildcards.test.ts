import { describe, expect, it } from 'vitest';
import { toolPage } from '../../src/core/catalog/tool-page.ts';
import { DIALECTS } from '../../src/core/dialects/registry.ts';
import { evaluatePolicy } from '../../src/core/policy/evaluate.ts';
import type { Policy } from '../../src/core/policy/schema.ts';
import { toolRecord } from '../../src/core/site/machine-readable.ts';
import { catalogOf } from '../support/small-catalog.ts';
import {
  agentgatewayDecides,
  claudeDecides,
  clineDecides,
  codexDecides,
  cursorDecides,
  geminiDecides,
  rooDecides,
  type Call,
  type ClientDecision,
} from '../support/client-decisions.ts';
import { loadDefinition } from '../../src/core/catalog/load-definition.ts';

// Issue 29, finding 2: a tool named `*` or `get_*` got a policy whose key is a pattern over other tools.
const wild = catalogOf({
  wild: {
    name: 'Wild Names',
    tools: [
      { name: '*', description: 'Lists the saved notes.' },
      { name: 'get_*', description: 'Reads one saved note.' },
      { name: 'get_secret', description: 'Reads one saved note.' },
    ],
  },
});
const OTHER_TOOLS = ['get_secret', 'get_', 'delete_everything', 'send_mail', '**', 'get_**'];

const CLIENTS: Record<string, ((text: string, call: Call) => ClientDecision)[]> = {
  'claude-code': [claudeDecides],
  agentgateway: [agentgatewayDecides],
  'gemini-cli': [geminiDecides],
  codex: [codexDecides],
  cursor: [cursorDecides],
  cline: [clineDecides, rooDecides],
};

const pagePolicies = wild.tools
  .filter((tool) => tool.name.includes('*'))
  .flatMap((tool) => [
    [`the page of ${tool.name}`, toolPage(tool, loadDefinition(tool)).policy] as const,
    [`tools.json for ${tool.name}`, toolRecord(tool, (path) => path).policy] as const,
  ]);

describe.each(pagePolicies)('%s', (_where, policy: Policy) => {
  it.each(OTHER_TOOLS)('does not let policy-v1 allow another tool, %s', (other) => {
    expect(evaluatePolicy(policy, { tool: other, args: {}, time: 0 }).decision.effect).not.toBe('allow');
  });

  it.each(DIALECTS.map((d) => d.id))('does not let %s run another tool unasked', (id) => {
    const text = DIALECTS.find((d) => d.id === id)!.write('wild', policy).text;
    for (const decides of CLIENTS[id]!) {
      for (const other of OTHER_TOOLS) expect(decides(text, { server: 'wild', tool: other, args: {} }), `${other}:\n${text}`).not.toBe('allow');
    }
  });
});

describe('the page of a tool whose name policy-v1 reads as a pattern', () => {
  const wildTool = wild.tools.find((tool) => tool.name === 'get_*')!;
  const page = toolPage(wildTool, loadDefinition(wildTool));

  it('names no rule, and says why', () => {
    expect(Object.keys(page.policy.tools ?? {})).toEqual([]);
    expect(page.policySentence).toMatch(/wildcard over other tools' names/);
    expect(page.namesTool).toBe(false);
  });

  it('its FAQ never tells the reader to write the name as a rule, limit or hide entry', () => {
    const answers = page.faq.filter((entry) => /rate-limit|block/.test(entry.question)).map((entry) => entry.answer);
    expect(answers).toHaveLength(2);
    for (const answer of answers) {
      expect(answer).toMatch(/reads as a wildcard/);
      expect(answer).not.toMatch(/add "get_\*"/);
    }
  });

  it('leaves a name without * as it was', () => {
    const plainTool = wild.tools.find((tool) => tool.name === 'get_secret')!;
    const plain = toolPage(plainTool, loadDefinition(plainTool));
    expect(Object.keys(plain.policy.tools ?? {})).toEqual(['get_secret']);
    expect(plain.namesTool).toBe(true);
  });
});
