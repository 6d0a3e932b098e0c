import { join } from 'node:path';
import { writeHostileCatalog } from '../fixtures/hostile-catalog.ts';
import { ROOT } from './run-cli.ts';
import { sharedBuild, type SharedSite } from './shared-build.ts';

const SAMPLE_CATALOG = join(ROOT, 'data');

/** The sample catalog under a base path, as a project site is deployed: most site tests read this one. */
export const SAMPLE_UNDER_BASE: SharedSite = { name: 'sample', base: '/atlas/', catalog: SAMPLE_CATALOG };
/** The sample catalog at the site root, as `policy-atlas build` makes it by default. */
export const SAMPLE_AT_ROOT: SharedSite = { name: 'sample-root', base: '/', catalog: SAMPLE_CATALOG };
/** Hostile names and texts (tests/fixtures/hostile-catalog.ts), at the site root. */
export const HOSTILE: SharedSite = { name: 'hostile', base: '/', catalog: writeHostileCatalog };

export const sampleSite = () => sharedBuild(SAMPLE_UNDER_BASE);
export const sampleSiteAtRoot = () => sharedBuild(SAMPLE_AT_ROOT);
export const hostileSite = () => sharedBuild(HOSTILE);
