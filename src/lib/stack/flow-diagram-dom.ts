import type { DiagramText, FlowDiagram } from '../../core/flows/diagram.ts';

const SVG = 'http://www.w3.org/2000/svg';

function element(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

const textElement = (t: DiagramText) =>
  element('text', { x: t.x, y: t.y, class: `flow-${t.kind}`, ...(t.anchor === 'start' ? {} : { 'text-anchor': t.anchor }) }, t.text);

/** The same picture src/components/FlowDiagram.astro renders at build time, drawn in the page. */
export function drawFlowDiagram(diagram: FlowDiagram, id: string): SVGElement {
  const svg = element('svg', {
    class: 'flow-diagram',
    viewBox: `0 0 ${diagram.width} ${diagram.height}`,
    width: diagram.width,
    height: diagram.height,
    role: 'img',
    'aria-labelledby': `${id}-title`,
    'aria-describedby': `${id}-desc`,
  });
  svg.append(element('title', { id: `${id}-title` }, diagram.title), element('desc', { id: `${id}-desc` }, diagram.description));
  for (const box of diagram.boxes) {
    const group = element('g', { 'data-role': box.role });
    group.append(element('rect', { x: box.x, y: box.y, width: box.width, height: box.height, rx: 6 }), ...box.texts.map(textElement));
    svg.append(group);
  }
  for (const arrow of diagram.arrows) {
    const group = element('g', { class: 'flow-arrow' });
    group.append(
      element('line', { x1: arrow.x1, y1: arrow.y1, x2: arrow.x2, y2: arrow.y2 }),
      element('polygon', { points: arrow.head }),
      textElement(arrow.label),
    );
    svg.append(group);
  }
  return svg;
}
