/**
 * Counts the toxic flows of a catalog: how many servers make each flow on their own, how many tools
 * play each role. scripts/import-corpus.sh runs it on the corpus it imports.
 * Usage: node scripts/flow-counts.ts <catalog dir (holding servers/*.json)>
 */
import { buildCatalog } from '../src/core/catalog/build-catalog.ts';
import { loadCatalogDir } from '../src/build/catalog/load.ts';
import { flowTool } from '../src/core/flows/catalog-flows.ts';
import { DataError } from '../src/core/errors/friendly.ts';
import { FLOW_KINDS, FLOW_TITLES, findFlows, toolsByRole } from '../src/core/flows/flows.ts';
import { FLOW_ROLES } from '../src/core/flows/role-kinds.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: node scripts/flow-counts.ts <catalog dir>');
  process.exit(2);
}
let catalog;
try {
  catalog = buildCatalog(loadCatalogDir(dir));
} catch (error) {
  if (!(error instanceof DataError)) throw error;
  console.error(error.lines.join('\n'));
  process.exit(2);
}

const tools = catalog.tools.map(flowTool);
const byRole = toolsByRole(tools);
const serversWith = Object.fromEntries(FLOW_KINDS.map((kind) => [kind, [] as string[]]));
for (const server of catalog.servers) for (const flow of findFlows(server.tools.map(flowTool))) serversWith[flow.kind]!.push(server.slug);
const anyFlow = new Set(Object.values(serversWith).flat());

console.log(`flows of ${catalog.servers.length} servers, ${catalog.tools.length} tools (each server on its own):`);
console.log(
  `  tools by role: ${FLOW_ROLES.map((role) => `${role} ${byRole[role].length}`).join(', ')}; with no role ${tools.filter((t) => t.roles.length === 0).length}`,
);
for (const kind of FLOW_KINDS) console.log(`  ${FLOW_TITLES[kind]}: ${serversWith[kind]!.length} servers`);
console.log(`  any flow: ${anyFlow.size} servers; none: ${catalog.servers.length - anyFlow.size}`);
console.log(`  full trifecta: ${serversWith.trifecta!.join(', ') || 'none'}`);
