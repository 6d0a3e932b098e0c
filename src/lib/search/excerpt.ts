/**
 * Pagefind excerpts are HTML: escaped page text with <mark> around hits. They are parsed in an
 * inert document and rebuilt as text nodes and <mark> elements, so no markup from data survives.
 */
export function excerptNodes(html: string): Node[] {
  const parsed = new DOMParser().parseFromString(`<body>${html}</body>`, 'text/html');
  return [...parsed.body.childNodes].map((node) => {
    if (node.nodeName === 'MARK') {
      const mark = document.createElement('mark');
      mark.textContent = node.textContent;
      return mark;
    }
    return document.createTextNode(node.textContent ?? '');
  });
}
