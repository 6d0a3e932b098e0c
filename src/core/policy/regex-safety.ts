import { ANY, overlaps, parseRegex, union, type CharSet, type RegexNode } from './regex-syntax.ts';

/**
 * Whether a user's regular expression can make a backtracking engine (every browser's, Node's) take
 * more than about quadratic time. The pattern becomes a position automaton that keeps how many ways
 * a backtracking engine can step from one position to the next; then, as in Weber and Seidl's
 * ambiguity tests, it is exponential when a loop can read the same text along two different paths
 * (`(a+)+`, `(a|ab)*`), and polynomial when two loops can read the same text one after the other
 * (`a*a*`, `.*x.*`). Without such loops the paths do not grow with the text but can with the
 * pattern (`(a|a)(a|a)…`): past MAX_WAYS paths for one text it has many ways. Anchors and lookarounds
 * are taken to pass, which only adds paths: the check can refuse a safe pattern, not accept an unsafe one.
 */
export type RegexRisk = 'exponential' | 'polynomial' | 'many-ways' | 'too-complex';

export const MAX_REGEX_SOURCE = 500;
// Positions the automaton may have once bounded repeats are unrolled.
const MAX_POSITIONS = 1000;
// `x{2,5}` is unrolled while it has at most this many copies and positions; beyond, it counts as x+ or x*.
// Each copy can double the ways to match, so copies stay few.
const MAX_UNROLLED_COPIES = 4;
const MAX_UNROLLED = 40;
// Pairs and triples of positions the tests may visit before the pattern counts as too complex.
const MAX_STEPS = 100_000;
// Paths one text may take to one position (see mostWays): IPv4's \d{1,3}(\.\d{1,3}){3} takes 81.
export const MAX_WAYS = 100;

export const REGEX_RISK_MESSAGES: Record<RegexRisk, string> = {
  exponential:
    'this pattern can take exponential time: a repeated part can match the same text in more than one way ' +
    '(hint: make alternatives exclusive and do not repeat a repeat: (a|b)+ rather than (a|ab)+, a+ rather than (a+)+)',
  polynomial:
    'this pattern can take polynomial time: two repeats can match the same text one after the other ' +
    '(hint: drop one, or put between them something only one can match; a leading or trailing .* is never needed)',
  'many-ways':
    `this pattern can read one text in more than ${MAX_WAYS} ways: alternatives or optional parts that match the same characters multiply the paths a backtracking engine tries ` +
    '(hint: make alternatives exclusive, (ab|ac) rather than (ab|a.), and write a run of optional parts as one counted repeat, a{0,3} rather than a?a?a?)',
  'too-complex': `this pattern is too long or complex to check that it runs in reasonable time (hint: simplify it; at most ${MAX_REGEX_SOURCE} characters)`,
};

class TooComplex extends Error {}
class Exponential extends Error {}

/** Ways to step between positions: mostWays counts them, the loop tests only ask whether there are several. */
type Ways = Map<number, number>;
// A cap keeps the counts finite: far above MAX_WAYS, far below where doubles lose whole numbers.
const MANY = 2 ** 40;
const addWays = (into: Ways, from: Ways, times = 1) => {
  if (times === 0) return into;
  for (const [position, ways] of from) into.set(position, Math.min(MANY, (into.get(position) ?? 0) + ways * times));
  return into;
};

interface Part {
  /** Ways to match the empty text (0: it cannot). */
  empty: number;
  first: Ways;
  last: Ways;
}

interface Automaton {
  /** Position 0 is the start; every other position reads one character of its set. */
  sets: CharSet[];
  /** From → to → ways. */
  next: Map<number, number>[];
}

function atomCount(node: RegexNode): number {
  switch (node.kind) {
    case 'chars':
    case 'backref':
      return 1;
    case 'seq':
      return node.items.reduce((n, item) => n + atomCount(item), 0);
    case 'alt':
      return node.options.reduce((n, option) => n + atomCount(option), 0);
    case 'repeat':
      return atomCount(node.body);
    default:
      return 0;
  }
}

/** The position automaton of `tree` (lookaround bodies are collected in `looks`, to be checked on their own). */
function positionAutomaton(tree: RegexNode, looks: RegexNode[]): Automaton {
  const sets: CharSet[] = [[]];
  const next: Map<number, number>[] = [new Map()];
  const EMPTY: Part = { empty: 1, first: new Map(), last: new Map() };

  const position = (set: CharSet): Part => {
    if (sets.length > MAX_POSITIONS) throw new TooComplex();
    sets.push(set);
    next.push(new Map());
    const at = new Map([[sets.length - 1, 1]]);
    return { empty: 0, first: at, last: at };
  };
  const link = (from: Ways, to: Ways) => {
    for (const [u, ways] of from) addWays(next[u]!, to, ways);
  };
  const sequence = (a: Part, b: Part): Part => {
    link(a.last, b.first);
    return {
      empty: Math.min(MANY, a.empty * b.empty),
      first: addWays(new Map(a.first), b.first, a.empty),
      last: addWays(new Map(b.last), a.last, b.empty),
    };
  };
  // Engines end an iteration that matched nothing, so a loop matches the empty text one way only.
  const loop = (body: Part, min: number): Part => {
    link(body.last, body.first);
    return { ...body, empty: min === 0 ? 1 : body.empty };
  };
  const optional = (body: Part): Part => ({ ...body, empty: Math.min(MANY, body.empty + 1) });

  function repeat(body: RegexNode, min: number, max: number): Part {
    if (max === 0) return EMPTY;
    if (max === 1) return min === 1 ? build(body) : optional(build(body));
    if (min <= 1 && max === Infinity) return loop(build(body), min);
    const copies = max === Infinity ? min + 1 : max;
    if (copies > MAX_UNROLLED_COPIES || copies * atomCount(body) > MAX_UNROLLED) {
      const part = build(body);
      // Engines end a `*` iteration that matched nothing, but try every empty copy of `{0,30}`: 2^30 ways.
      if (part.empty > 0) throw new Exponential();
      return loop(part, Math.min(min, 1));
    }
    let part = EMPTY;
    for (let i = 0; i < min; i++) part = sequence(part, build(body));
    if (max === Infinity) return sequence(part, loop(build(body), 0));
    // x{1,3} = x(x(x)?)?: each optional copy is a choice the engine can backtrack into.
    let tail: Part | undefined;
    for (let i = min; i < max; i++) tail = optional(tail ? sequence(build(body), tail) : build(body));
    return tail ? sequence(part, tail) : part;
  }

  function build(node: RegexNode): Part {
    switch (node.kind) {
      case 'chars':
        return position(node.set);
      case 'empty':
        return EMPTY;
      case 'look':
        looks.push(node.body);
        return EMPTY;
      case 'backref':
        return loop(position(ANY), 0);
      case 'seq':
        return node.items.reduce((part, item) => sequence(part, build(item)), EMPTY);
      case 'alt':
        return node.options
          .map(build)
          .reduce((a, b) => ({ empty: Math.min(MANY, a.empty + b.empty), first: addWays(new Map(a.first), b.first), last: addWays(new Map(a.last), b.last) }));
      case 'repeat':
        return repeat(node.body, node.min, node.max);
    }
  }

  link(new Map([[0, 1]]), build(tree).first);
  return { sets, next };
}

/** Strongly connected components of the graph reachable from `starts`, iteratively (Tarjan). */
function components(starts: Iterable<number>, successors: (node: number) => readonly number[]): number[][] {
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const onStack = new Set<number>();
  const stack: number[] = [];
  const found: number[][] = [];
  for (const start of starts) {
    if (index.has(start)) continue;
    const frames: { node: number; rest: readonly number[]; at: number }[] = [];
    const enter = (node: number) => {
      index.set(node, index.size);
      low.set(node, index.get(node)!);
      stack.push(node);
      onStack.add(node);
      frames.push({ node, rest: successors(node), at: 0 });
    };
    enter(start);
    while (frames.length > 0) {
      const frame = frames[frames.length - 1]!;
      if (frame.at < frame.rest.length) {
        const child = frame.rest[frame.at++]!;
        if (!index.has(child)) enter(child);
        else if (onStack.has(child)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(child)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        found.push(component);
      }
    }
  }
  return found;
}

function intersect(a: CharSet, b: CharSet): CharSet {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const lo = Math.max(a[i]!, b[j]!);
    const hi = Math.min(a[i + 1]!, b[j + 1]!);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/** What the checks may still spend: steps, and the factor of ways to read a text left (lookaround bodies multiply it). */
interface Budget {
  steps: number;
  ways: number;
}

function ambiguity(automaton: Automaton, budget: Budget): RegexRisk | undefined {
  const { sets, next } = automaton;
  const spend = () => {
    if (--budget.steps < 0) throw new TooComplex();
  };
  const successors = next.map((ways) => [...ways.keys()]);
  const parts = components([0], (node) => successors[node]!);
  const loops = parts.filter((c) => c.length > 1 || next[c[0]!]!.has(c[0]!));
  const loopOf = new Map<number, number>();
  loops.forEach((members, id) => members.forEach((member) => loopOf.set(member, id)));

  // Exponential: two ways to take one step inside a loop, or two paths that part and meet again in one.
  for (const [id, members] of loops.entries()) {
    const inLoop = (node: number) => loopOf.get(node) === id;
    if (members.some((u) => [...next[u]!].some(([v, ways]) => ways > 1 && inLoop(v)))) return 'exponential';
    const width = sets.length;
    const pairs = components(
      members.map((u) => u * width + u),
      (pair) => {
        const u = Math.floor(pair / width);
        const v = pair % width;
        const out: number[] = [];
        for (const u2 of successors[u]!) {
          if (!inLoop(u2)) continue;
          for (const v2 of successors[v]!) {
            spend();
            if (inLoop(v2) && overlaps(sets[u2]!, sets[v2]!)) out.push(u2 * width + v2);
          }
        }
        return out;
      },
    );
    const isDiagonal = (pair: number) => Math.floor(pair / width) === pair % width;
    if (pairs.some((component) => component.some(isDiagonal) && !component.every(isDiagonal))) return 'exponential';
  }

  // Polynomial: loops p and q (different ones) and one text that goes p -> p, p -> q and q -> q.
  const predecessors = successors.map((): number[] => []);
  successors.forEach((outs, u) => outs.forEach((v) => predecessors[v]!.push(u)));
  const reachers = new Map<number, Set<number>>();
  const reaching = (loop: number) => reachers.get(loop) ?? reachers.set(loop, canReach(loops[loop]!, predecessors, spend)).get(loop)!;
  // A text read around both loops uses characters both can read.
  const alphabets = loops.map((members) => union(...members.map((member) => sets[member]!)));
  for (const [from, fromMembers] of loops.entries()) {
    for (const [to, toMembers] of loops.entries()) {
      if (from === to || !overlaps(alphabets[from]!, alphabets[to]!)) continue;
      const reachesTo = reaching(to);
      if (!fromMembers.some((p) => reachesTo.has(p))) continue;
      for (const p of fromMembers) {
        for (const q of toMembers) {
          if (tripleWalk(p, q, from, to, reachesTo)) return 'polynomial';
        }
      }
    }
  }

  const ways = mostWays(automaton, parts, loopOf, spend);
  if (ways > budget.ways) return 'many-ways';
  budget.ways /= ways;
  return undefined;

  function tripleWalk(p: number, q: number, from: number, to: number, reachesTo: Set<number>): boolean {
    const width = sets.length;
    const key = (x: number, y: number, z: number) => (x * width + y) * width + z;
    const goal = key(p, q, q);
    const seen = new Set([key(p, p, q)]);
    const queue = [[p, p, q] as const];
    for (let head = 0; head < queue.length; head++) {
      const [x, y, z] = queue[head]!;
      for (const x2 of successors[x]!) {
        if (loopOf.get(x2) !== from) continue;
        for (const y2 of successors[y]!) {
          if (!reachesTo.has(y2)) continue;
          const xy = intersect(sets[x2]!, sets[y2]!);
          if (xy.length === 0) continue;
          for (const z2 of successors[z]!) {
            spend();
            if (loopOf.get(z2) !== to || !overlaps(xy, sets[z2]!)) continue;
            const state = key(x2, y2, z2);
            if (state === goal) return true;
            if (!seen.has(state)) {
              seen.add(state);
              queue.push([x2, y2, z2]);
            }
          }
        }
      }
    }
    return false;
  }
}

/**
 * How many paths one text can take to one position, at most: a backtracking engine may try each.
 * Without loops that read one text two ways (the tests above) the count does not grow with the
 * text, but it can with the pattern: `(?:a|a)` n times reads `aaa…` 2^n ways, and so do n `a?`
 * before n `a`. Positions are counted in order (`parts`, Tarjan's components, come sinks first):
 * - a position outside loops: the text's previous character is one, so only predecessors whose
 *   sets hold it add up (`(?:a|b)(?:a|b)…` stays at 1), and the start precedes the first character only;
 * - a loop: entered at any depth, so each path to a predecessor counts (`paths`, the text unseen),
 *   and inside it a text reads one way per entry (no loop reads one text two ways).
 * It errs towards counting too many (anchors and lookarounds are taken to pass, a sum can mix
 * texts): a pattern counted too high only runs on RE2.
 */
function mostWays({ sets, next }: Automaton, parts: number[][], loopOf: ReadonlyMap<number, number>, spend: () => void): number {
  const incoming = next.map((): [number, number][] => []);
  next.forEach((outs, u) => outs.forEach((ways, v) => incoming[v]!.push([u, ways])));
  // Paths to a position whatever the text (per exit depth, for a loop), and paths one text takes to it.
  const paths = new Array<number>(sets.length).fill(0);
  const perText = new Array<number>(sets.length).fill(0);
  [paths[0], perText[0]] = [1, 1];
  let most = 1;
  for (const part of parts.slice().reverse()) {
    if (part[0] === 0) continue;
    if (loopOf.has(part[0]!)) {
      let entering = 0;
      for (const e of part) for (const [u, ways] of incoming[e]!) if (loopOf.get(u) !== loopOf.get(e)) entering = Math.min(MANY, entering + paths[u]! * ways);
      for (const member of part) [paths[member], perText[member]] = [entering, entering];
      most = Math.max(most, entering);
      continue;
    }
    const v = part[0]!;
    let [all, first] = [0, 0];
    const steps: [CharSet, number][] = [];
    for (const [u, ways] of incoming[v]!) {
      spend();
      all = Math.min(MANY, all + paths[u]! * ways);
      if (u === 0) first = ways;
      else steps.push([sets[u]!, Math.min(MANY, perText[u]! * ways)]);
    }
    paths[v] = all;
    // Capped, so sums stay whole numbers (and never Infinity - Infinity).
    perText[v] = Math.min(MANY, Math.max(first, heaviestCharacter(steps)));
    most = Math.max(most, perText[v]!);
  }
  return most;
}

/** The most weight one character collects from the sets that hold it. */
function heaviestCharacter(weighted: readonly [CharSet, number][]): number {
  const events: [number, number][] = [];
  for (const [set, weight] of weighted) {
    for (let i = 0; i < set.length; i += 2) events.push([set[i]!, weight], [set[i + 1]! + 1, -weight]);
  }
  // Ends before starts at one code: a range ending at c - 1 does not hold c.
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let [sum, most] = [0, 0];
  for (const [, weight] of events) {
    sum += weight;
    most = Math.max(most, sum);
  }
  return most;
}

/** The positions from which one of `targets` can be reached (the targets included). */
function canReach(targets: readonly number[], predecessors: readonly (readonly number[])[], spend: () => void): Set<number> {
  const reached = new Set(targets);
  const queue = [...targets];
  for (let head = 0; head < queue.length; head++) {
    for (const u of predecessors[queue[head]!]!) {
      spend();
      if (!reached.has(u)) {
        reached.add(u);
        queue.push(u);
      }
    }
  }
  return reached;
}

// Validation runs on every keystroke in the browser: check each pattern once.
const verdicts = new Map<string, RegexRisk | null>();

/** What makes `source` (which must compile) unsafe to run on untrusted text, or undefined when it is safe. */
export function regexRisk(source: string): RegexRisk | undefined {
  if (source.length > MAX_REGEX_SOURCE) return 'too-complex';
  let verdict = verdicts.get(source);
  if (verdict === undefined) {
    verdict = check(source) ?? null;
    if (verdicts.size > 1000) verdicts.clear();
    verdicts.set(source, verdict);
  }
  return verdict ?? undefined;
}

function check(source: string): RegexRisk | undefined {
  const budget: Budget = { steps: MAX_STEPS, ways: MAX_WAYS };
  const pending = [parseRegex(source)];
  try {
    while (pending.length > 0) {
      const looks: RegexNode[] = [];
      const risk = ambiguity(positionAutomaton(pending.pop()!, looks), budget);
      if (risk) return risk;
      pending.push(...looks);
    }
    return undefined;
  } catch (error) {
    if (error instanceof TooComplex) return 'too-complex';
    if (error instanceof Exponential) return 'exponential';
    throw error;
  }
}
