// Prints src/core's import graph: each module's imports within core ("type" marks `import type`), the
// same between core's parts (directories), and the cycles at both levels.
// bash scripts/with-node.sh node scripts/core-imports.ts
import { coreGraph, corePartGraph, cycles } from './import-graph.ts';

const graph = coreGraph();
const parts = corePartGraph(graph);
const moduleCycles = cycles(new Map([...graph].map(([module, edges]) => [module, edges.map((edge) => edge.target)])));
const partCycles = cycles(parts);

console.log('# Modules');
for (const [module, edges] of [...graph].sort(([a], [b]) => a.localeCompare(b))) {
  // A module imported both ways loads at run time: list it once, as a value import.
  const typeOnly = new Set(edges.filter((edge) => edge.typeOnly).map((edge) => edge.target));
  for (const edge of edges) if (!edge.typeOnly) typeOnly.delete(edge.target);
  const targets = [...new Set(edges.map((edge) => edge.target))].map((target) => `${target}${typeOnly.has(target) ? ' (type)' : ''}`).sort();
  console.log(`${module}${targets.length > 0 ? ` -> ${targets.join(', ')}` : ''}`);
}
console.log('\n# Parts');
for (const [part, targets] of [...parts].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${part}${targets.length > 0 ? ` -> ${targets.join(', ')}` : ''}`);
}
console.log('\n# Cycles between modules');
console.log(moduleCycles.length > 0 ? moduleCycles.map((cycle) => cycle.join(' <-> ')).join('\n') : 'none');
console.log('\n# Cycles between parts');
console.log(partCycles.length > 0 ? partCycles.map((cycle) => cycle.join(' <-> ')).join('\n') : 'none');
