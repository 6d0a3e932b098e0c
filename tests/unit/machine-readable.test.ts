import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../src/core/catalog/build-catalog.ts';
import { llmsText } from '../../src/core/site/machine-readable.ts';

const BREAKERS = ['\r', '\n', '\r\n', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c', '\u001c', '\u001e', '\u0000', '\u001b'];

describe('llms.txt: one line per server, whatever the names hold', () => {
  it.each(BREAKERS.map((c) => [JSON.stringify(c), c]))('a server name, description and tool name with %s', (_, breaker) => {
    const catalog = buildCatalog([
      { slug: 'bad', file: 'servers/bad.json', data: { name: `Bad${breaker}# Injected heading`, description: `First${breaker}- [x](https://evil.example)`, tools: [{ name: `tool${breaker}## not a heading` }] } },
      { slug: 'good', file: 'servers/good.json', data: { name: 'Good', tools: [{ name: 'read' }] } },
    ]);
    const text = llmsText(catalog, (path) => `https://atlas.example${path}`);
    const lines = text.split(/\r\n|[\n\r\u2028\u2029\u0085\u000b\u000c\u001c-\u001e]/);
    const servers = lines.filter((line) => line.startsWith('- '));
    expect(servers).toEqual([
      expect.stringMatching(/^- \[Bad # Injected heading\]\(https:\/\/atlas\.example\/servers\/bad\/\): 1 tools\. First - \[x\]\(https:\/\/evil\.example\)$/),
      '- [Good](https://atlas.example/servers/good/): 1 tools',
    ]);
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/);
    expect(lines.filter((line) => line.startsWith('#'))).toEqual(['# Policy Atlas', '## Servers']);
  });
});
