import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { breakWords, flowPolicy, strictOnlyDenials, type PolicyTool } from '../../src/core/flows/break-policy.ts';
import { flowDiagram } from '../../src/core/flows/diagram.ts';
import { FLOW_ENDPOINT, FLOW_KINDS, findFlows, type FlowKind } from '../../src/core/flows/flows.ts';
import { FLOW_ROLES, type FlowRole } from '../../src/core/flows/role-kinds.ts';
import { evaluatePolicy } from '../../src/core/policy/evaluate.ts';
import type { Policy, Rule } from '../../src/core/policy/schema.ts';
import { validatePolicyText } from '../../src/core/policy/validate.ts';

const capped: Rule = { limits: [{ counter: 'c', window: 'minute', max: 20, scope: 'grant' }] };
const t = (name: string, roles: FlowRole[], server = 'one', rule: Rule = capped): PolicyTool => ({ server, name, roles, rule });
const kinds = (tools: PolicyTool[]) => findFlows(tools).map((flow) => flow.kind);
const legs = (tools: PolicyTool[], kind: FlowKind) =>
  Object.fromEntries(
    findFlows(tools)
      .find((flow) => flow.kind === kind)!
      .legs.map((leg) => [leg.role, leg.tools.map((tool) => tool.name)]),
  );

describe('flows: each leg, each combination, none', () => {
  it.each<[string, PolicyTool[], FlowKind[]]>([
    ['no tools', [], []],
    ['tools with no role', [t('a', []), t('b', [])], []],
    ['private alone', [t('read', ['private'])], []],
    ['untrusted alone', [t('web', ['untrusted'])], []],
    ['sink alone', [t('send', ['sink'])], []],
    ['destroys alone', [t('drop', ['destroys'])], []],
    ['untrusted and sink (no private data to leak)', [t('web', ['untrusted']), t('send', ['sink'])], []],
    ['private and destroys (nothing untrusted to order it)', [t('read', ['private']), t('drop', ['destroys'])], []],
    ['private and sink', [t('read', ['private']), t('send', ['sink'])], ['exfiltration']],
    ['untrusted and destroys', [t('web', ['untrusted']), t('drop', ['destroys'])], ['injection']],
    ['private, untrusted and sink', [t('read', ['private']), t('web', ['untrusted']), t('send', ['sink'])], ['exfiltration', 'trifecta']],
    [
      'all four legs',
      [t('read', ['private']), t('web', ['untrusted']), t('send', ['sink']), t('drop', ['destroys'])],
      ['exfiltration', 'injection', 'trifecta'],
    ],
    ['one tool on every leg', [t('shell', ['private', 'untrusted', 'sink', 'destroys'])], ['exfiltration', 'injection', 'trifecta']],
  ])('%s', (_name, tools, expected) => expect(kinds(tools)).toEqual(expected));

  it('names the tools on each leg, across servers', () => {
    const tools = [
      t('read_file', ['private'], 'files'),
      t('inbox', ['private', 'untrusted'], 'mail'),
      t('send', ['sink'], 'mail'),
      t('fetch', ['untrusted', 'sink'], 'web'),
    ];
    expect(legs(tools, 'exfiltration')).toEqual({ private: ['read_file', 'inbox'], sink: ['send', 'fetch'] });
    expect(legs(tools, 'trifecta')).toEqual({ untrusted: ['inbox', 'fetch'], private: ['read_file', 'inbox'], sink: ['send', 'fetch'] });
  });
});

const ruleOf = (tools: PolicyTool[], name: string, strict = false) => flowPolicy(tools, undefined, { strict }).policy.tools![name];
const strictPolicy = (tools: PolicyTool[]) => flowPolicy(tools, undefined, { strict: true });

describe('the breaking policy, by default: approval where the flow ends', () => {
  it('puts the endpoint under approval, keeping its limits, and leaves the reads as they were', () => {
    const tools = [t('read', ['private']), t('post', ['sink']), t('mail', ['sink'])];
    const { breaks } = flowPolicy(tools);
    expect(breaks).toEqual([{ kind: 'exfiltration', alreadyDenied: false, approved: ['post', 'mail'] }]);
    expect(ruleOf(tools, 'read')).toEqual(capped);
    expect(ruleOf(tools, 'post')).toEqual({ action: 'require_approval', reason: expect.stringContaining('sends outside'), limits: capped.limits });
  });

  it('denies nothing, whichever leg is smaller', () => {
    const tools = [t('a', ['private']), t('b', ['private']), t('send', ['sink']), t('web', ['untrusted']), t('drop', ['destroys'])];
    const { policy } = flowPolicy(tools);
    expect(
      Object.values(policy.tools!)
        .map((rule) => rule.action ?? 'allow')
        .sort(),
    ).toEqual(['allow', 'allow', 'allow', 'require_approval', 'require_approval']);
  });

  it('changes nothing when the recommended rules already deny a whole leg', () => {
    const tools = [t('read', ['private'], 'one', { action: 'deny', reason: 'critical' }), t('send', ['sink'])];
    const { policy, breaks } = flowPolicy(tools);
    expect(breaks).toEqual([{ kind: 'exfiltration', denied: { role: 'private', tools: ['read'] }, alreadyDenied: true, approved: [] }]);
    expect(policy.tools!.send).toEqual(capped);
  });

  it('gives a name shared by two servers the stricter rule, and leaves out names that would be patterns', () => {
    const approval: Rule = { action: 'require_approval', reason: 'high' };
    const tools = [t('search', [], 'a'), t('search', [], 'b', approval), t('search', [], 'c'), t('*', [], 'evil')];
    const { policy } = flowPolicy(tools);
    expect(policy.tools).toEqual({ search: approval });
  });

  it('keeps every recommended rule when there is no flow, with the cap on all calls', () => {
    const tools = [t('read', ['private']), t('web', ['untrusted'])];
    expect(flowPolicy(tools).policy).toEqual({
      version: '1',
      default: 'deny',
      all_tools: { limits: [{ counter: 'all_calls', window: 'minute', max: 300, scope: 'grant' }] },
      tools: { read: capped, web: capped },
    });
  });
});

describe('the breaking policy, strict: the smallest leg denied too', () => {
  it('denies the leg with fewer tools and puts the endpoint under approval, keeping its limits', () => {
    const tools = [t('read', ['private']), t('post', ['sink']), t('mail', ['sink'])];
    expect(strictPolicy(tools).breaks).toEqual([
      { kind: 'exfiltration', denied: { role: 'private', tools: ['read'] }, alreadyDenied: false, approved: ['post', 'mail'] },
    ]);
    expect(ruleOf(tools, 'read', true)).toMatchObject({ action: 'deny' });
    expect(ruleOf(tools, 'post', true)).toEqual({ action: 'require_approval', reason: expect.stringContaining('sends outside'), limits: capped.limits });
  });

  it('denies the sink when it is the smaller leg', () => {
    const tools = [t('a', ['private']), t('b', ['private']), t('send', ['sink'])];
    expect(strictPolicy(tools).breaks[0]).toMatchObject({ denied: { role: 'sink', tools: ['send'] }, approved: [] });
    expect(ruleOf(tools, 'a', true)).toEqual(capped);
  });

  it('on a tie, denies where the attack starts rather than the endpoint', () => {
    expect(strictPolicy([t('web', ['untrusted']), t('drop', ['destroys'])]).breaks[0]!.denied?.role).toBe('untrusted');
    expect(strictPolicy([t('read', ['private']), t('send', ['sink'])]).breaks[0]!.denied?.role).toBe('private');
  });

  it('denies nothing more when the recommended rules already deny a whole leg', () => {
    const tools = [t('read', ['private']), t('shell', ['sink'], 'one', { action: 'deny', reason: 'critical' })];
    const { policy, breaks } = strictPolicy(tools);
    expect(breaks).toEqual([{ kind: 'exfiltration', denied: { role: 'sink', tools: ['shell'] }, alreadyDenied: true, approved: [] }]);
    expect(policy.tools!.read).toEqual(capped);
  });

  it('breaks the trifecta with the cut made for the exfiltration, not a second one', () => {
    const tools = [t('read', ['private']), t('web', ['untrusted']), t('web2', ['untrusted']), t('send', ['sink']), t('post', ['sink'])];
    const { breaks } = strictPolicy(tools);
    expect(breaks.map((b) => [b.kind, b.denied?.role, b.alreadyDenied])).toEqual([
      ['exfiltration', 'private', false],
      ['trifecta', 'private', true],
    ]);
    expect(ruleOf(tools, 'web', true)).toEqual(capped);
  });

  it('names what it denies beyond the default policy', () => {
    const tools = [t('read', ['private']), t('send', ['sink']), t('shell', [], 'one', { action: 'deny' })];
    expect(strictOnlyDenials(flowPolicy(tools).policy, strictPolicy(tools).policy)).toEqual(['read']);
  });
});

describe('the breaking policies (properties)', () => {
  const STRICTNESS = { allow: 0, require_approval: 1, deny: 2 };
  const strictness = (rule?: Rule) => (rule === undefined ? 2 : STRICTNESS[rule.action ?? 'allow']);
  const arbitraryTools = fc.array(
    fc.record({
      server: fc.constantFrom('a', 'b', 'c'),
      name: fc.constantFrom('read', 'send', 'web', 'drop', 'shell', 'list', 'post', 'fetch', 'get*', '*'),
      roles: fc.subarray([...FLOW_ROLES]),
      rule: fc.constantFrom<Rule>(capped, {}, { action: 'require_approval' }, { action: 'deny', reason: 'no' }),
    }),
    { maxLength: 12 },
  );
  // What the evaluator does with a call: only `allow` runs without a person.
  const unattended = (policy: Policy, name: string) => evaluatePolicy(policy, { tool: name, args: {}, time: 0 }).decision.effect === 'allow';
  const ownRule = (tools: PolicyTool[], name: string) =>
    tools
      .filter((tool) => tool.name === name)
      .reduce<Rule | undefined>((a, tool) => (a === undefined || strictness(tool.rule) > strictness(a) ? tool.rule : a), undefined);

  it.each([false, true])('strict %s: no flow runs end to end without a person, no rule gets looser, the validator agrees', (strict) => {
    fc.assert(
      fc.property(arbitraryTools, (tools) => {
        const { policy, breaks } = flowPolicy(tools, undefined, { strict });
        for (const flow of findFlows(tools)) expect(flow.legs.some((leg) => leg.tools.every((tool) => !unattended(policy, tool.name)))).toBe(true);
        expect(breaks.map((b) => b.kind)).toEqual(kinds(tools));
        for (const tool of tools) expect(strictness(policy.tools?.[tool.name])).toBeGreaterThanOrEqual(strictness(tool.rule));
        expect(validatePolicyText(JSON.stringify(policy))).toMatchObject({ ok: true, problems: [] });
      }),
    );
  });

  it("by default denies only what the tools' own rules deny, and changes only the endpoints", () => {
    fc.assert(
      fc.property(arbitraryTools, (tools) => {
        const { policy } = flowPolicy(tools);
        const endpoints = new Set<string>(
          findFlows(tools).flatMap((flow) =>
            flow.legs.filter((leg) => leg.role === FLOW_ENDPOINT[flow.kind]).flatMap((leg) => leg.tools.map((tool) => tool.name)),
          ),
        );
        for (const [name, rule] of Object.entries(policy.tools ?? {})) {
          const own = ownRule(tools, name)!;
          if (rule.action === 'deny') expect(own.action).toBe('deny');
          if (!endpoints.has(name)) expect(rule).toEqual(own);
        }
      }),
    );
  });

  it('strict is never looser than the default, for any tool', () => {
    fc.assert(
      fc.property(arbitraryTools, (tools) => {
        const loose = flowPolicy(tools).policy.tools ?? {};
        const strict = strictPolicy(tools).policy.tools ?? {};
        for (const tool of tools) expect(strictness(strict[tool.name])).toBeGreaterThanOrEqual(strictness(loose[tool.name]));
        for (const flow of findFlows(tools)) expect(flow.legs.some((leg) => leg.tools.every((tool) => strictness(strict[tool.name]) === 2))).toBe(true);
      }),
    );
  });
});

describe('the diagram', () => {
  it('draws a box per leg and an arrow per flow, in two rows', () => {
    const tools = [t('read', ['private']), t('web', ['untrusted']), t('send', ['sink']), t('drop', ['destroys'])];
    const diagram = flowDiagram(findFlows(tools), 'Stack')!;
    expect(diagram.boxes.map((box) => [box.role, box.lines])).toEqual([
      ['private', ['read']],
      ['untrusted', ['web']],
      ['sink', ['send']],
      ['destroys', ['drop']],
    ]);
    expect(diagram.arrows.map((arrow) => `${arrow.from}>${arrow.to}:${arrow.label.text}`)).toEqual([
      'untrusted>destroys:instructs',
      'untrusted>private:steers the reading',
      'private>sink:sent out',
    ]);
    const at = (role: FlowRole) => diagram.boxes.find((box) => box.role === role)!;
    expect(at('untrusted').y).toBe(at('destroys').y);
    expect(at('private').y).toBeGreaterThan(at('untrusted').y + at('untrusted').height);
    for (const box of diagram.boxes) expect(box.x + box.width).toBeLessThanOrEqual(diagram.width);
    expect(diagram.title).toBe('Toxic flows of Stack');
    expect(diagram.description).toBe(
      'Reads private data: read. Takes in untrusted content: web. Sends outside: send. Deletes or overwrites: drop. Flows: private data → outside; untrusted content → destruction; the lethal trifecta.',
    );
  });

  it('uses one row for a flow on one row, and nothing for no flow', () => {
    const diagram = flowDiagram(findFlows([t('read', ['private']), t('send', ['sink'])]), 'x')!;
    expect(diagram.boxes.map((box) => box.y)).toEqual([1, 1]);
    expect(diagram.height).toBe(diagram.boxes[0]!.height + 2);
    expect(flowDiagram([], 'x')).toBeUndefined();
  });

  it('cuts long lists and long names, and shows hostile characters as escapes', () => {
    const many = ['a', 'b', 'c', 'd', 'e'].map((name) => t(name, ['private']));
    const hostile = t(`send\u202eevil${'x'.repeat(40)}`, ['sink']);
    const diagram = flowDiagram(findFlows([...many, hostile]), 'bad\u202ename')!;
    expect(diagram.boxes[0]!.lines).toEqual(['a', 'b', '+3 more']);
    const [sinkLine] = diagram.boxes[1]!.lines;
    expect(sinkLine).toHaveLength(27);
    expect(sinkLine).toMatch(/^send\\u202eevil/);
    expect(sinkLine!.endsWith('…')).toBe(true);
    expect(`${diagram.title}${diagram.description}`).not.toContain('\u202e');
  });
});

it('FLOW_KINDS lists every kind once', () => expect(new Set(FLOW_KINDS).size).toBe(3));

describe('the words for a broken flow', () => {
  it('names the approved tools by default', () => {
    const [exfiltration] = flowPolicy([t('read', ['private']), t('post', ['sink']), t('mail', ['sink'])]).breaks;
    expect(breakWords(exfiltration!)).toEqual({ before: 'Broken where it ends: a person approves each call of ', tools: ['post', 'mail'], after: '.' });
  });

  it('names the denied tools and counts the approvals when strict', () => {
    const [exfiltration] = strictPolicy([t('read', ['private']), t('post', ['sink']), t('mail', ['sink'])]).breaks;
    expect(breakWords(exfiltration!)).toEqual({
      before: 'Broken by denying the leg with the fewest tools, those that read private data: ',
      tools: ['read'],
      after: '. A person approves each call of the 2 tools where the flow ends.',
    });
    const [already] = flowPolicy([t('read', ['private']), t('shell', ['sink'], 'one', { action: 'deny' })]).breaks;
    expect(breakWords(already!)).toEqual({ before: 'Already broken: the policy denies the tools that send outside, ', tools: ['shell'], after: '.' });
  });
});
