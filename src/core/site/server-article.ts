import type { CatalogServer, CatalogTool } from '../catalog/build-catalog.ts';
import { loadDefinition } from '../catalog/load-definition.ts';
import { SERVERS_PATH, serverPagePath, serverPolicyPath, toolPagePath } from '../catalog/paths.ts';
import { policyText } from '../catalog/tool-page.ts';
import { annotationTally } from '../classify/annotation-check.ts';
import { strictOnlyDenials } from '../flows/break-policy.ts';
import { serverFlows, type ServerFlows } from '../flows/server-flows.ts';
import { recentChanges } from '../history/catalog-changes.ts';
import type { Policy } from '../policy/schema.ts';
import { serverFeedPath } from './change-feeds.ts';

/** Above this many tools the server policy is shown as plain text: highlighting it is bytes for nothing. */
const HIGHLIGHTED_POLICY_MAX_TOOLS = 25;
/** Above this many tools (a policy of ~100 KB) the page links the server policy's file instead of showing it. */
export const SERVER_POLICY_SHOWN_MAX_TOOLS = 250;
/** Tools named in the line about disagreeing hints; a server of thousands may have a thousand. */
export const DISAGREEING_TOOLS_NAMED = 12;

interface ToolLink {
  name: string;
  path: string;
}

/** Everything a server page lays out, computed when it renders. */
export interface ServerArticleView {
  path: string;
  trail: { label: string; path?: string }[];
  description: string;
  toolCount: number;
  /** One line about the hints the tools declare; absent for a server with no tools. */
  annotations?: { summary: string; disagree: ToolLink[]; disagreeUnnamed: number; undeclaredNote: string };
  /** The tools whose definition changed most recently, newest first. */
  changes: (ToolLink & { date: string })[];
  feedPath: string;
  flows: ServerFlows;
  policy: Policy;
  policyJson: string;
  highlightPolicy: boolean;
  /** Where the server policy is a file; the page shows the text too when `showPolicy`. */
  policyPath: string;
  showPolicy: boolean;
  /** The policy file's size, as the page states it for a policy it does not show. */
  policyKilobytes: string;
  /** Where the strict cut differs: the tools it denies besides, and its text when the page shows policies. */
  strict?: { denied: string[]; deniedUnnamed: number; json?: string };
}

export function serverArticle(server: CatalogServer): ServerArticleView {
  const { meta, tools } = server;
  const flows = serverFlows(server);
  const link = (tool: CatalogTool): ToolLink => ({ name: tool.name, path: toolPagePath(tool) });
  const checked = tools.map((tool) => ({ tool, definition: loadDefinition(tool).definition, classification: tool.classification }));
  const tally = checked.length > 0 ? annotationTally(checked) : undefined;
  const policyJson = policyText(flows.policy);
  const showPolicy = tools.length <= SERVER_POLICY_SHOWN_MAX_TOOLS;
  const denied = strictOnlyDenials(flows.policy, flows.strict.policy);
  return {
    path: serverPagePath(server),
    trail: [{ label: 'Home', path: '/' }, { label: 'Servers', path: SERVERS_PATH }, { label: meta.name }],
    description: meta.description ?? `${tools.length} MCP tool${tools.length === 1 ? '' : 's'} of the ${meta.name}, with risk ratings and a policy.`,
    toolCount: tools.length,
    ...(tally
      ? {
          annotations: {
            summary: tally.summary,
            disagree: tally.disagree.slice(0, DISAGREEING_TOOLS_NAMED).map(({ tool }) => link(tool)),
            disagreeUnnamed: Math.max(0, tally.disagree.length - DISAGREEING_TOOLS_NAMED),
            undeclaredNote: tally.undeclaredNote,
          },
        }
      : {}),
    changes: recentChanges(server).map(({ tool, changedOn }) => ({ ...link(tool), date: changedOn })),
    feedPath: serverFeedPath(server),
    flows,
    policy: flows.policy,
    policyJson,
    highlightPolicy: tools.length <= HIGHLIGHTED_POLICY_MAX_TOOLS,
    policyPath: serverPolicyPath(server),
    showPolicy,
    policyKilobytes: Math.ceil(Buffer.byteLength(policyJson) / 1024).toLocaleString('en-US'),
    ...(denied.length > 0
      ? {
          strict: {
            denied: denied.slice(0, DISAGREEING_TOOLS_NAMED),
            deniedUnnamed: Math.max(0, denied.length - DISAGREEING_TOOLS_NAMED),
            ...(showPolicy ? { json: policyText(flows.strict.policy) } : {}),
          },
        }
      : {}),
  };
}
