/**
 * A small picture of toxic flows, as boxes and arrows with coordinates: the site renders it as SVG
 * at build time and the stack page draws the same shape in the browser.
 */
import { terminalSafe } from '../text/terminal-safe.ts';
import { FLOW_TITLES, toolsByRole, type Flow, type FlowKind, type FlowTool } from './flows.ts';
import { FLOW_ROLE_LABELS, FLOW_ROLES, type FlowRole } from './role-kinds.ts';

/** A line of text where it is drawn: a box's heading, a tool name (monospace), or an arrow's label. */
export interface DiagramText {
  x: number;
  y: number;
  text: string;
  kind: 'heading' | 'tool' | 'label';
  anchor: 'start' | 'middle';
}

export interface DiagramBox {
  role: FlowRole;
  x: number;
  y: number;
  width: number;
  height: number;
  heading: string;
  /** Tool names, cut to fit, then "+N more". */
  lines: string[];
  texts: DiagramText[];
}

export interface DiagramArrow {
  from: FlowRole;
  to: FlowRole;
  /** Start and end of the shaft. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The arrowhead's corners, as SVG polygon points. */
  head: string;
  label: DiagramText;
}

export interface FlowDiagram {
  width: number;
  height: number;
  title: string;
  description: string;
  boxes: DiagramBox[];
  arrows: DiagramArrow[];
}

const BOX_WIDTH = 210;
const COLUMN_GAP = 110;
const ROW_GAP = 46;
const HEADING = 24;
const LINE = 16;
const PADDING = 10;
const MAX_NAMES = 3;
// Tool names are drawn in a monospace face: at 12 px, 27 characters fill a box.
const MAX_CHARS = 27;
const HEAD_SIZE = 7;

// Untrusted content and what it can reach on top, private data and where it can go below.
const PLACES: Record<FlowRole, { row: 0 | 1; column: 0 | 1 }> = {
  untrusted: { row: 0, column: 0 },
  destroys: { row: 0, column: 1 },
  private: { row: 1, column: 0 },
  sink: { row: 1, column: 1 },
};

const ARROWS: readonly { from: FlowRole; to: FlowRole; kind: FlowKind; text: string }[] = [
  { from: 'untrusted', to: 'destroys', kind: 'injection', text: 'instructs' },
  { from: 'untrusted', to: 'private', kind: 'trifecta', text: 'steers the reading' },
  { from: 'private', to: 'sink', kind: 'exfiltration', text: 'sent out' },
];

const fit = (name: string) => {
  const safe = terminalSafe(name);
  return safe.length > MAX_CHARS ? `${safe.slice(0, MAX_CHARS - 1)}…` : safe;
};

function boxLines(names: readonly string[]): string[] {
  const shown = names.slice(0, names.length > MAX_NAMES ? MAX_NAMES - 1 : MAX_NAMES).map(fit);
  return names.length > shown.length ? [...shown, `+${names.length - shown.length} more`] : shown;
}

function head(x: number, y: number, dx: number, dy: number): string {
  // A triangle pointing along (dx, dy), its tip at (x, y).
  const [px, py] = [-dy, dx];
  const corner = (side: number) => `${x - dx * HEAD_SIZE + px * side * (HEAD_SIZE / 2)},${y - dy * HEAD_SIZE + py * side * (HEAD_SIZE / 2)}`;
  return `${x},${y} ${corner(1)} ${corner(-1)}`;
}

const namesOf = (tools: readonly FlowTool[]) => [...new Set(tools.map((tool) => tool.name))];

function describe(flows: readonly Flow[], byRole: Record<FlowRole, FlowTool[]>, roles: readonly FlowRole[]): string {
  const leg = (role: FlowRole) => {
    const names = namesOf(byRole[role]).map(terminalSafe);
    const listed = names.length > MAX_NAMES ? `${names.slice(0, MAX_NAMES).join(', ')} and ${names.length - MAX_NAMES} more` : names.join(', ');
    return `${FLOW_ROLE_LABELS[role]}: ${listed}.`;
  };
  return `${roles.map(leg).join(' ')} Flows: ${flows.map((flow) => FLOW_TITLES[flow.kind].toLowerCase()).join('; ')}.`;
}

/** The diagram of some flows, or undefined when there are none. `subject` names whose tools they are, for the title. */
export function flowDiagram(flows: readonly Flow[], subject: string): FlowDiagram | undefined {
  if (flows.length === 0) return undefined;
  const byRole = toolsByRole(flows.flatMap((flow) => flow.legs.flatMap((leg) => leg.tools)));
  const inFlows = new Set(flows.flatMap((flow) => flow.legs.map((leg) => leg.role)));
  const sized = FLOW_ROLES.filter((role) => inFlows.has(role)).map((role) => {
    const lines = boxLines(namesOf(byRole[role]));
    return { role, lines, height: HEADING + lines.length * LINE + PADDING };
  });
  const rows = ([0, 1] as const).filter((row) => sized.some((box) => PLACES[box.role].row === row));
  const rowHeight = (row: 0 | 1) => Math.max(...sized.filter((box) => PLACES[box.role].row === row).map((box) => box.height));
  const rowTop = (row: 0 | 1) => 1 + (rows[0] === row ? 0 : rowHeight(rows[0]!) + ROW_GAP);
  const columnLeft = (column: 0 | 1) => 1 + column * (BOX_WIDTH + COLUMN_GAP);
  const boxes = sized.map(({ role, lines, height }): DiagramBox => {
    const [x, y] = [columnLeft(PLACES[role].column), rowTop(PLACES[role].row)];
    const text = (kind: DiagramText['kind'], line: string, baseline: number): DiagramText => ({
      x: x + PADDING,
      y: baseline,
      text: line,
      kind,
      anchor: 'start',
    });
    const texts = [text('heading', FLOW_ROLE_LABELS[role], y + 17), ...lines.map((line, i) => text('tool', line, y + HEADING + LINE * i + 12))];
    return { role, x, y, width: BOX_WIDTH, height, heading: FLOW_ROLE_LABELS[role], lines, texts };
  });
  const boxOf = (role: FlowRole) => boxes.find((box) => box.role === role)!;
  const kinds = new Set(flows.map((flow) => flow.kind));
  const arrows = ARROWS.filter((arrow) => kinds.has(arrow.kind)).map(({ from, to, text }): DiagramArrow => {
    const [a, b] = [boxOf(from), boxOf(to)];
    if (a.y === b.y) {
      // Across a row, level with the headings.
      const y = a.y + HEADING / 2 + 2;
      const [x1, x2] = [a.x + a.width, b.x - 1];
      return { from, to, x1, y1: y, x2, y2: y, head: head(x2, y, 1, 0), label: { x: (x1 + x2) / 2, y: y - 6, text, kind: 'label', anchor: 'middle' } };
    }
    // Down the left column.
    const x = a.x + 24;
    const [y1, y2] = [a.y + a.height, b.y - 1];
    return { from, to, x1: x, y1, x2: x, y2, head: head(x, y2, 0, 1), label: { x: x + 10, y: (y1 + y2) / 2 + 4, text, kind: 'label', anchor: 'start' } };
  });
  const width = 2 + 2 * BOX_WIDTH + COLUMN_GAP;
  const height = Math.max(...boxes.map((box) => box.y + box.height)) + 1;
  const description = describe(
    flows,
    byRole,
    sized.map((box) => box.role),
  );
  return { width, height, title: `Toxic flows of ${terminalSafe(subject)}`, description, boxes, arrows };
}
