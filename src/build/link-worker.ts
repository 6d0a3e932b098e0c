import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { linkTree } from './link-tree.ts';

const { previous, site, slugs } = workerData as { previous: string; site: string; slugs: string[] };
let files = 0;
for (const slug of slugs) files += linkTree(join(previous, 'servers', slug), join(site, 'servers', slug));
parentPort!.postMessage(files);
