import { join } from 'node:path';
import { answerJob, jobData } from './job-io.ts';
import { linkTree } from './link-tree.ts';

const { previous, site, slugs } = await jobData<{ previous: string; site: string; slugs: string[] }>();
let files = 0;
for (const slug of slugs) files += linkTree(join(previous, 'servers', slug), join(site, 'servers', slug));
answerJob(files);
