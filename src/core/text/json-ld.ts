/**
 * JSON for a `<script type="application/ld+json">` element. Every `<`, `>` and `&` becomes a JSON
 * escape, so no data can close the element or open a comment; U+2028/9 are escaped for old parsers.
 */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

export function faqPageJsonLd(entries: ReadonlyArray<{ question: string; answer: string }>): string {
  return serializeJsonLd({
    '@context': 'https://schema.org',
    '@type': 'FAQPage',
    mainEntity: entries.map((e) => ({ '@type': 'Question', name: e.question, acceptedAnswer: { '@type': 'Answer', text: e.answer } })),
  });
}
