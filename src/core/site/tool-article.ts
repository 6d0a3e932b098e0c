import type { CatalogTool } from '../catalog/build-catalog.ts';
import type { LoadedDefinition } from '../catalog/load-definition.ts';
import { categoryPath, levelPath, SERVERS_PATH, serverPagePath, toolPagePath } from '../catalog/paths.ts';
import { relatedTools, type RelatedIndex } from '../catalog/related.ts';
import { toolPage, type ToolPage } from '../catalog/tool-page.ts';
import { checkAnnotations, type AnnotationCheck } from '../classify/annotation-check.ts';
import { toolHistory, type ToolHistory } from '../history/catalog-changes.ts';
import { toolChanges, type ToolChange } from '../history/tool-history.ts';
import { unnamedInput } from '../input-schema/parameters.ts';
import { CATEGORY_LABELS, isLowConfidence, LEVEL_LABELS, SIGNAL_LABELS, type Signal } from '../risk.ts';
import { shownToolName } from '../catalog/tool-names.ts';
import { serverPolicyNote } from '../flows/tool-policy-note.ts';
import type { Rule } from '../policy/schema.ts';

interface Link {
  label: string;
  path: string;
}

/** Everything a tool page lays out: the tool page (policy, FAQ, description) and what surrounds it. */
export interface ToolArticleView extends ToolPage {
  path: string;
  trail: { label: string; path?: string }[];
  serverPath: string;
  level: Link;
  category: Link;
  /** The rating's confidence, in whole percent. */
  confidencePercent: number;
  lowConfidence: boolean;
  signals: { id: Signal; label: string }[];
  history: ToolHistory;
  /** Stored definition changes, newest first. */
  changes: ToolChange[];
  annotationCheck: AnnotationCheck;
  related: CatalogTool[];
  /** What the input schema accepts when it names no parameters (see `unnamedInput`). */
  unnamedInput?: string;
  /** Why the server's policy is stricter for this tool than the rule this page recommends, where it is. */
  serverPolicyNote?: string;
}

/** Computed when the page renders, not for all tools up front, from the tool's `loadDefinition`. */
export function toolArticle(tool: CatalogTool, loaded: LoadedDefinition, relatedIndex: RelatedIndex): ToolArticleView {
  const { classification: c, server } = tool;
  const { definition } = loaded;
  const page = toolPage(tool, loaded);
  return {
    ...page,
    path: toolPagePath(tool),
    trail: [
      { label: 'Home', path: '/' },
      { label: 'Servers', path: SERVERS_PATH },
      { label: server.meta.name, path: serverPagePath(server) },
      { label: shownToolName(tool.name) },
    ],
    serverPath: serverPagePath(server),
    level: { label: LEVEL_LABELS[c.level], path: levelPath(c.level) },
    category: { label: CATEGORY_LABELS[c.category], path: categoryPath(c.category) },
    confidencePercent: Math.round(c.confidence * 100),
    lowConfidence: isLowConfidence(c.confidence),
    signals: c.signals.map((id) => ({ id, label: SIGNAL_LABELS[id] })),
    history: toolHistory(definition),
    changes: toolChanges(definition),
    annotationCheck: checkAnnotations({ definition, classification: c }),
    related: relatedTools(tool, relatedIndex),
    ...unnamedOf(loaded),
    ...noteOf(tool, page.rule),
  };
}

function noteOf(tool: CatalogTool, ownRule: Rule): { serverPolicyNote?: string } {
  const note = serverPolicyNote(tool, ownRule);
  return note === undefined ? {} : { serverPolicyNote: note };
}

/** What a schema naming no parameters accepts, when it accepts anything. */
function unnamedOf({ definition, parameters }: LoadedDefinition): { unnamedInput?: string } {
  const unnamed = parameters.length === 0 ? unnamedInput(definition.inputSchema) : undefined;
  return unnamed === undefined ? {} : { unnamedInput: unnamed };
}
