import { join } from 'node:path';
import { answerJob, jobData } from './job-io.ts';
import { linkTree } from './link-tree.ts';

// Given slugs, those servers' folders; without, every file `site` lacks (another page process's output).
const { previous, site, slugs } = await jobData<{ previous: string; site: string; slugs?: string[] }>();
let files = 0;
if (!slugs) files = linkTree(previous, site, true);
else for (const slug of slugs) files += linkTree(join(previous, 'servers', slug), join(site, 'servers', slug));
answerJob(files);
