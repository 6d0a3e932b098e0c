import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { RULES_VERSION } from '../../src/core/classify/rules-version.ts';
import { withEvidenceText } from '../../src/core/classify/evidence.ts';
import { catalogSummary, llmsText, serverRecord } from '../../src/core/site/machine-readable.ts';
import { SMALL_CATALOG, SMALL_SERVERS } from '../support/small-catalog.ts';

const BREAKERS = ['\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u001c', '\u001e', '\u0000', '\u001b'];

describe('llms.txt: one line per server, whatever the names hold', () => {
  it.each(BREAKERS.map((c) => [JSON.stringify(c), c]))('a server name, description and tool name with %s', (_, breaker) => {
    const catalog = buildCatalog([
      {
        slug: 'bad',
        file: 'servers/bad.json',
        data: {
          name: `Bad${breaker}# Injected heading`,
          description: `First${breaker}- [x](https://evil.example)`,
          tools: [{ name: `tool${breaker}## not a heading` }],
        },
      },
      { slug: 'good', file: 'servers/good.json', data: { name: 'Good', tools: [{ name: 'read' }] } },
    ]);
    const text = llmsText(catalog, (path) => `https://atlas.example${path}`);
    const lines = text.split(/\r\n|[\n\r\u2028\u2029\u0085\u000b\u000c\u001c-\u001e]/);
    const servers = lines.filter((line) => line.startsWith('- '));
    expect(servers).toEqual([
      expect.stringMatching(/^- \[Bad # Injected heading\]\(https:\/\/atlas\.example\/servers\/bad\/\): 1 tool\. First - \[x\]\(https:\/\/evil\.example\)$/),
      '- [Good](https://atlas.example/servers/good/): 1 tool',
    ]);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(lines.filter((line) => line.startsWith('#'))).toEqual(['# Policy Atlas', '## Servers']);
  });
});

const url = (path: string) => `https://atlas.example${path}`;

describe('catalog.json (catalogSummary)', () => {
  const summary = catalogSummary(SMALL_CATALOG, url);

  it('totals the servers, the tools and each level', () => {
    expect(summary.generator).toBe('Policy Atlas');
    expect(summary.totals).toEqual({ servers: 3, tools: 10, byLevel: { low: 2, medium: 3, high: 2, critical: 3 } });
  });

  it("lists each server by slug with its page, its record and its tools' ratings, in list order", () => {
    expect(summary.servers.map((server) => server.slug)).toEqual(['ledger', 'notebook', 'runner']);
    expect(summary.servers[0]).toEqual({
      slug: 'ledger',
      name: 'Ledger Server',
      page: 'https://atlas.example/servers/ledger/',
      json: 'https://atlas.example/servers/ledger/tools.json',
      tools: [
        { name: 'list_payments', level: 'medium', category: 'read', page: 'https://atlas.example/servers/ledger/list-payments/' },
        { name: 'refund_payment', level: 'critical', category: 'financial', page: 'https://atlas.example/servers/ledger/refund-payment/' },
        { name: 'send_payment', level: 'critical', category: 'financial', page: 'https://atlas.example/servers/ledger/send-payment/' },
      ],
    });
  });
});

describe('servers/<s>/tools.json (serverRecord)', () => {
  const ledger = SMALL_CATALOG.servers.find((server) => server.slug === 'ledger')!;
  const record = serverRecord(ledger, url);

  it('names the server and the classifier rules the ratings come from', () => {
    expect(record.server).toEqual({ slug: 'ledger', name: 'Ledger Server', page: 'https://atlas.example/servers/ledger/' });
    expect(record.rulesVersion).toBe(RULES_VERSION);
  });

  it('gives each tool its definition as served, its rating and a policy that stands alone', () => {
    expect(record.tools.map((tool) => tool.name)).toEqual(['list_payments', 'refund_payment', 'send_payment']);
    const listed = record.tools[0]!;
    expect(listed.page).toBe('https://atlas.example/servers/ledger/list-payments/');
    expect(listed.definition).toEqual(SMALL_SERVERS.ledger!.tools[0]);
    expect(listed.classification).toEqual(withEvidenceText(ledger.tools[0]!.classification));
    // The JSON keeps the shape it always had: the same keys in the same order, each effect in words.
    const json = JSON.parse(JSON.stringify(listed.classification)) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['category', 'level', 'signals', 'definitionCategory', 'confidence', 'evidence', 'overridden', 'rationale']);
    expect(json.evidence).toEqual([
      { source: 'name', detail: 'verb “list” in the name, object “payments”', effect: 'category read' },
      { source: 'name', detail: '“payments” in the name', effect: 'signal money' },
      { source: 'description', detail: 'the description agrees (“lists”)', effect: 'confidence up' },
    ]);
    expect(listed.policy).toEqual({
      version: '1',
      default: 'deny',
      tools: {
        list_payments: {
          limits: [
            { counter: 'list_payments_rate', window: 'minute', max: 20, scope: 'grant' },
            { counter: 'list_payments_daily', window: 'day', max: 500, scope: 'grant' },
          ],
        },
      },
    });
  });

  it("leaves the editors' overrides out of the definition, and their rule is the policy", () => {
    const refund = record.tools.find((tool) => tool.name === 'refund_payment')!;
    const { overrides, ...served } = SMALL_SERVERS.ledger!.tools[2]!;
    expect(refund.definition).toEqual(served);
    expect(refund.definition).not.toHaveProperty('overrides');
    expect(refund.policy.tools).toEqual({ refund_payment: overrides!.policy });
    expect(refund.classification).toMatchObject({ level: 'critical', overridden: true });
  });
});

describe('llms.txt (llmsText)', () => {
  it('a title, the totals, where to read more, and one line per server with a summary of its description', () => {
    expect(llmsText(SMALL_CATALOG, url)).toBe(
      [
        '# Policy Atlas',
        '',
        '> Risk ratings and recommended gateway policies for 10 MCP tools on 3 servers.',
        '',
        'Machine-readable catalog: https://atlas.example/catalog.json',
        'Methodology: https://atlas.example/methodology/',
        '',
        '## Servers',
        '',
        '- [Ledger Server](https://atlas.example/servers/ledger/): 3 tools',
        '- [Notebook Server](https://atlas.example/servers/notebook/): 5 tools. Keeps plain-text notes in folders.',
        '- [Runner Server](https://atlas.example/servers/runner/): 2 tools',
        '',
      ].join('\n'),
    );
  });

  it("keeps a server name's brackets from closing its link", () => {
    const catalog = buildCatalog([{ slug: 'b', file: 'servers/b.json', data: { name: 'Tools [beta] ](x)', tools: [] } }]);
    expect(llmsText(catalog, url)).toContain('- [Tools  beta   (x)](https://atlas.example/servers/b/): 0 tools\n');
  });
});
