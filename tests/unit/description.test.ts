import { describe, expect, it } from 'vitest';
import { descriptionBlocks, parseInline, summarize, type Block } from '../../src/core/text/description-blocks.ts';
import { faqPageJsonLd, serializeJsonLd } from '../../src/core/text/json-ld.ts';

const text = (t: string) => [{ text: t }];

describe('descriptionBlocks', () => {
  it.each<[string, string, Block[]]>([
    ['empty text', '', []],
    [
      'paragraphs keep their line breaks',
      'First line\nsecond line\n\nNext paragraph.',
      [
        { kind: 'paragraph', lines: [text('First line'), text('second line')] },
        { kind: 'paragraph', lines: [text('Next paragraph.')] },
      ],
    ],
    [
      'CRLF line ends',
      'a\r\nb\r\n\r\nc',
      [
        { kind: 'paragraph', lines: [text('a'), text('b')] },
        { kind: 'paragraph', lines: [text('c')] },
      ],
    ],
    [
      'a bullet list between paragraphs',
      'Actions:\n- one\n* two\n+ three\n• four\n\nAfter.',
      [
        { kind: 'paragraph', lines: [text('Actions:')] },
        { kind: 'list', ordered: false, items: [text('one'), text('two'), text('three'), text('four')] },
        { kind: 'paragraph', lines: [text('After.')] },
      ],
    ],
    ['a numbered list', '1. first\n2) second\n10. tenth', [{ kind: 'list', ordered: true, items: [text('first'), text('second'), text('tenth')] }]],
    [
      'a bullet list then a numbered list',
      '- a\n1. b',
      [
        { kind: 'list', ordered: false, items: [text('a')] },
        { kind: 'list', ordered: true, items: [text('b')] },
      ],
    ],
    [
      'an indented line continues a list item',
      '- a\n  continued\nplain',
      [
        { kind: 'list', ordered: false, items: [[{ text: 'a' }, { text: ' continued' }]] },
        { kind: 'paragraph', lines: [text('plain')] },
      ],
    ],
    [
      'headings',
      '# Title\n### Sub ###\ntext',
      [
        { kind: 'heading', text: text('Title') },
        { kind: 'heading', text: text('Sub') },
        { kind: 'paragraph', lines: [text('text')] },
      ],
    ],
    ['a hash without a space is text', '#hashtag', [{ kind: 'paragraph', lines: [text('#hashtag')] }]],
    [
      'a fenced code block keeps blank lines and markup',
      'Before\n```json\n{"a": 1}\n\n- not a list\n```\nAfter',
      [
        { kind: 'paragraph', lines: [text('Before')] },
        { kind: 'code', text: '{"a": 1}\n\n- not a list' },
        { kind: 'paragraph', lines: [text('After')] },
      ],
    ],
    ['a tilde fence', '~~~\nx\n~~~', [{ kind: 'code', text: 'x' }]],
    ['an unclosed fence runs to the end', '```\ncode\nmore', [{ kind: 'code', text: 'code\nmore' }]],
    [
      'inline code and strong',
      'Use `read_file` with **care**.',
      [
        {
          kind: 'paragraph',
          lines: [[{ text: 'Use ' }, { text: 'read_file', code: true }, { text: ' with ' }, { text: 'care', strong: true }, { text: '.' }]],
        },
      ],
    ],
    [
      'markup inside list items and headings',
      '- `x` is **y**\n## The `z` tool',
      [
        { kind: 'list', ordered: false, items: [[{ text: 'x', code: true }, { text: ' is ' }, { text: 'y', strong: true }]] },
        { kind: 'heading', text: [{ text: 'The ' }, { text: 'z', code: true }, { text: ' tool' }] },
      ],
    ],
    [
      'HTML stays plain text in every kind of block',
      '<script>alert(1)</script>\n- <img src=x onerror=alert(1)>\n# <b>h</b>\n```\n</code><script>x()</script>\n```',
      [
        { kind: 'paragraph', lines: [text('<script>alert(1)</script>')] },
        { kind: 'list', ordered: false, items: [text('<img src=x onerror=alert(1)>')] },
        { kind: 'heading', text: text('<b>h</b>') },
        { kind: 'code', text: '</code><script>x()</script>' },
      ],
    ],
  ])('%s', (_label, input, expected) => {
    expect(descriptionBlocks(input)).toEqual(expected);
  });
});

describe('parseInline', () => {
  it.each<[string, ReturnType<typeof parseInline>]>([
    ['plain', [{ text: 'plain' }]],
    ['**bold** then *italic*', [{ text: 'bold', strong: true }, { text: ' then *italic*' }]],
    ['`a` `b`', [{ text: 'a', code: true }, { text: ' ' }, { text: 'b', code: true }]],
    ['unclosed `tick and **star', [{ text: 'unclosed `tick and **star' }]],
    ['`<script>`', [{ text: '<script>', code: true }]],
  ])('%j', (input, expected) => {
    expect(parseInline(input)).toEqual(expected);
  });
});

describe('summarize', () => {
  it.each<[string | undefined, number | undefined, string]>([
    [undefined, undefined, ''],
    ['', undefined, ''],
    ['Reads a file. Then more.', undefined, 'Reads a file.'],
    ['Stops it! Then more.', undefined, 'Stops it!'],
    ['No full stop here', undefined, 'No full stop here'],
    ['Version 1.2 is used. Yes.', undefined, 'Version 1.2 is used.'],
    ['**Bold** and `code` here. Next', undefined, 'Bold and code here.'],
    ['First   words\nwrap. Rest', undefined, 'First words wrap.'],
    ['abc def ghi', 8, 'abc def…'],
    ['x'.repeat(300), undefined, `${'x'.repeat(159)}…`],
  ])('%j (max %s) -> %j', (description, max, expected) => {
    expect(summarize(description, max)).toBe(expected);
  });

  it('never exceeds max', () => {
    for (const max of [10, 50, 160]) expect(summarize('word '.repeat(100), max).length).toBeLessThanOrEqual(max);
  });
});

const HOSTILE: Array<[string, unknown]> = [
  ['closing script tag and comment', { name: '</script><!-- & -->', text: 'a & b <c>' }],
  ['nested and in arrays', { list: ['<b>', { deep: '</SCRIPT >&amp;' }], n: 1, ok: true, none: null }],
  ['line and paragraph separators', { text: 'x\u2028y\u2029z' }],
  ['plain string', '<!--</script>-->'],
];

describe('serializeJsonLd', () => {
  it.each(HOSTILE)('%s: no <, > or & and no raw U+2028/9 in the output', (_label, value) => {
    expect(serializeJsonLd(value)).not.toMatch(/[<>&\u2028\u2029]/);
  });

  it.each(HOSTILE)('%s: round-trips through JSON.parse', (_label, value) => {
    expect(JSON.parse(serializeJsonLd(value))).toEqual(value);
  });

  it('escapes to \\u003c, \\u003e and \\u0026', () => {
    expect(serializeJsonLd({ a: '</script>&' })).toBe('{"a":"\\u003c/script\\u003e\\u0026"}');
  });
});

describe('faqPageJsonLd', () => {
  const entries = [
    { question: 'Does </script><!-- close it?', answer: 'No & never <b>.' },
    { question: 'Plain?', answer: 'Yes.' },
  ];

  it('has no <, > or & even for hostile entries', () => {
    expect(faqPageJsonLd(entries)).not.toMatch(/[<>&]/);
  });

  it('round-trips to a schema.org FAQPage with the entries as written', () => {
    expect(JSON.parse(faqPageJsonLd(entries))).toEqual({
      '@context': 'https://schema.org',
      '@type': 'FAQPage',
      mainEntity: entries.map((e) => ({ '@type': 'Question', name: e.question, acceptedAnswer: { '@type': 'Answer', text: e.answer } })),
    });
  });
});
