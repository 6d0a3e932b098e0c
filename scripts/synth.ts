// Writes a synthetic catalog: npm run synth -- --tools <N> --out <dir> [--seed <n>]
import { resolve } from 'node:path';
import { generateCatalog } from './bench/generate-catalog.ts';
import { writeCatalog } from './bench/write-catalog.ts';
import { scriptArgs } from './script-args.ts';

const usage = 'usage: npm run synth -- --tools <N> --out <dir> [--seed <n>]';
const values = scriptArgs('synth', usage, { tools: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string', default: '1' } });
const tools = Number(values.tools);
const seed = Number(values.seed);
if (!values.tools || !Number.isInteger(tools) || tools < 1 || !values.out || !Number.isInteger(seed)) {
  console.error(usage);
  process.exit(2);
}
// npm runs scripts from the package root; INIT_CWD is where the user typed the command.
const out = resolve(process.env.INIT_CWD ?? process.cwd(), values.out);
const servers = generateCatalog({ tools, seed });
const written = writeCatalog(out, servers);
const sizes = servers.map((s) => s.data.tools.length).sort((a, b) => a - b);
console.log(`synth: wrote ${written.servers} servers, ${written.tools} tools (seed ${seed}) to ${out}/servers`);
console.log(
  `synth: tools per server: min ${sizes[0]}, median ${sizes[Math.floor((sizes.length - 1) / 2)]}, max ${sizes.at(-1)}; ${(written.bytes / 1024 / 1024).toFixed(1)} MB of JSON${written.removed ? `; removed ${written.removed} old files` : ''}`,
);
