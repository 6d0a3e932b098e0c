/** What a tool page says where its server's policy is stricter for the tool than the tool's own rule. */
import type { CatalogServer, CatalogTool } from '../catalog/build-catalog.ts';
import { isPattern } from '../policy/glob.ts';
import type { Rule } from '../policy/schema.ts';
import { ROLE_PHRASES, strictness, type FlowBreak } from './break-policy.ts';
import { FLOW_ENDPOINT, FLOW_TITLES } from './flows.ts';
import { serverFlows } from './server-flows.ts';

type ServerBreaks = { policy: Record<string, Rule>; strict: Record<string, Rule>; breaks: FlowBreak[]; strictBreaks: FlowBreak[] };

// Every tool page of a server asks: work the server's policies out once per server.
const breaksOfServer = new WeakMap<CatalogServer, ServerBreaks>();
function serverBreaks(server: CatalogServer): ServerBreaks {
  let found = breaksOfServer.get(server);
  if (!found) {
    const flows = serverFlows(server);
    found = { policy: flows.policy.tools ?? {}, strict: flows.strict.policy.tools ?? {}, breaks: flows.breaks, strictBreaks: flows.strict.breaks };
    breaksOfServer.set(server, found);
  }
  return found;
}

const titles = (breaks: readonly FlowBreak[]) => [...new Set(breaks.map((b) => FLOW_TITLES[b.kind]))].join('; ');

/**
 * One sentence where the server policy (or the strict one) is stricter for this tool than its own
 * recommended rule, saying why; undefined where they agree. The tool's page shows its own rule, so
 * without it the two pages would disagree about the tool unexplained. `ownRule` is that rule (`toolRule`).
 */
export function serverPolicyNote(tool: CatalogTool, ownRule: Rule): string | undefined {
  const own = strictness(ownRule);
  const { policy, strict, breaks, strictBreaks } = serverBreaks(tool.server);
  const inServer = strictness(policy[tool.name]);
  const inStrict = strictness(strict[tool.name]);
  if (inServer <= own && inStrict <= own) return undefined;
  if (isPattern(tool.name))
    return 'The server policy leaves this tool out, so its default denies it: as a key, a name with * would be a pattern over other tools’ names.';
  const approvedIn = breaks.filter((b) => b.approved.includes(tool.name));
  const deniedIn = strictBreaks.filter((b) => !b.alreadyDenied && b.denied?.tools.includes(tool.name));
  const strictPart =
    inStrict > inServer && deniedIn.length > 0
      ? `the strict server policy denies it, as it ${ROLE_PHRASES[deniedIn[0]!.denied!.role]} on the leg with the fewest tools of a toxic flow (${titles(deniedIn)})`
      : undefined;
  if (inServer > own && approvedIn.length > 0) {
    const role = ROLE_PHRASES[FLOW_ENDPOINT[approvedIn[0]!.kind]];
    return `The server policy is stricter for this tool: a person approves each call, as it ${role} where a toxic flow of this server ends (${titles(approvedIn)})${strictPart ? `, and ${strictPart}` : ''}.`;
  }
  if (inServer > own)
    return 'The server policy is stricter for this tool: another tool of this server has the same name and a stricter rule, and one name gets one rule.';
  return `${strictPart ? strictPart.charAt(0).toUpperCase() + strictPart.slice(1) : 'The strict server policy is stricter for this tool: another tool of this server has the same name and a stricter rule'}.`;
}
