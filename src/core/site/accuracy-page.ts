import { CATEGORIES, CATEGORY_LABELS, LEVELS, LEVEL_LABELS } from '../risk.ts';
import { FIGURE_KEYS, HINT_CLASSES, type AccuracyFile, type FigureKey, type HintClass } from '../schema/accuracy.ts';
import { plural } from '../text/plural.ts';

/** What /methodology/accuracy/ shows, all as text: the page only lays it out. */
export type AccuracyView = { published: false } | PublishedAccuracy;

export interface PublishedAccuracy {
  published: true;
  measuredOn: string;
  rulesVersion: string;
  /** Set when the site rates with other rules than the figures were measured with. */
  staleNote?: string;
  corpus: string;
  split: string;
  figures: FigureRow[];
  byLevel: ConfusionTable;
  byCategory: ConfusionTable;
  /** Both confusion tables in the order the page shows them, with their anchors and captions. */
  tables: { id: string; title: string; table: ConfusionTable }[];
}

export interface FigureRow {
  key: FigureKey;
  label: string;
  meaning: string;
  better: 'lower' | 'higher';
  all: string;
  tuning: string;
  checking: string;
  /** Checking minus tuning, in percentage points: the overfit. */
  gap: string;
}

export interface ConfusionTable {
  columns: string[];
  rows: { label: string; cells: number[]; total: number }[];
}

const FIGURES: Record<FigureKey, { label: string; meaning: string; better: 'lower' | 'higher' }> = {
  readOnWrites: {
    label: 'Writes rated read',
    meaning: 'Of the tools whose authors say they change things (readOnlyHint: false), the share rated read: the dangerous mistake.',
    better: 'lower',
  },
  harmlessDestructive: {
    label: 'Destructive tools rated harmless',
    meaning: 'Of the tools whose authors say they may destroy (destructiveHint: true), the share rated read or low.',
    better: 'lower',
  },
  readRecall: {
    label: 'Reads recognised',
    meaning: 'Of the tools whose authors say they only read (readOnlyHint: true), the share rated read.',
    better: 'higher',
  },
  falseAlarm: {
    label: 'False alarms',
    meaning: 'Of the tools whose authors say they only read, the share rated high or critical: alarms that teach people to ignore badges.',
    better: 'lower',
  },
  agreement: { label: 'Agreement', meaning: 'Where the authors give readOnlyHint, how often "rated read" matches it.', better: 'higher' },
};

const HINT_ROWS: Record<HintClass, string> = {
  'read-only': 'Declared read-only',
  destructive: 'Declared destructive',
  write: 'Declared to change things, not destructive',
  'no hint': 'No hint',
};

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
const shown = ({ count, of }: { count: number; of: number }) => (of === 0 ? 'not measured (no such tool)' : `${percent(count / of)} (${count} of ${of})`);
const share = ({ count, of }: { count: number; of: number }) => (of === 0 ? undefined : count / of);

function gap(tuning: { count: number; of: number }, checking: { count: number; of: number }): string {
  const a = share(tuning);
  const b = share(checking);
  if (a === undefined || b === undefined) return 'n/a';
  const points = (b - a) * 100;
  return `${points > 0 ? '+' : points < 0 ? '−' : '±'}${Math.abs(points).toFixed(1)} pts`;
}

function table<C extends string>(columns: readonly C[], labels: Record<C, string>, rows: Record<HintClass, Record<C, number>>): ConfusionTable {
  return {
    columns: columns.map((c) => labels[c]),
    rows: HINT_CLASSES.map((hint) => {
      const cells = columns.map((c) => rows[hint][c]);
      return { label: HINT_ROWS[hint], cells, total: cells.reduce((a, b) => a + b, 0) };
    }),
  };
}

export function accuracyView(file: AccuracyFile | undefined, currentRulesVersion: string): AccuracyView {
  if (!file) return { published: false };
  const { all, tuning, checking } = file;
  const byLevel = table(LEVELS, LEVEL_LABELS, file.confusion.byLevel);
  const byCategory = table(CATEGORIES, CATEGORY_LABELS, file.confusion.byCategory);
  return {
    published: true,
    measuredOn: file.measuredOn,
    rulesVersion: file.rulesVersion,
    ...(file.rulesVersion === currentRulesVersion
      ? {}
      : {
          staleNote: `These figures were measured with rules ${file.rulesVersion}; the catalog now rates with rules ${currentRulesVersion}, whose figures have not been published yet.`,
        }),
    corpus: `${plural(all.tools, 'tool')} from ${plural(all.servers, 'server')}, rated with their annotations hidden and compared with what their authors declare.`,
    split: `The servers are divided into a tuning half (${plural(tuning.servers, 'server')}, ${plural(tuning.tools, 'tool')}) whose errors the rules were tuned on, and a checking half (${plural(checking.servers, 'server')}, ${plural(checking.tools, 'tool')}) that only measures them (seed ${file.splitSeed}). The gap between the halves shows how much of the tuning fits those servers alone.`,
    figures: FIGURE_KEYS.map((key) => ({
      key,
      ...FIGURES[key],
      all: shown(all.figures[key]),
      tuning: shown(tuning.figures[key]),
      checking: shown(checking.figures[key]),
      gap: gap(tuning.figures[key], checking.figures[key]),
    })),
    byLevel,
    byCategory,
    tables: [
      { id: 'by-level', title: 'Declared hints against the rated level', table: byLevel },
      { id: 'by-category', title: 'Declared hints against the rated category', table: byCategory },
    ],
  };
}
