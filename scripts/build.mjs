// `npm run build`: the site from CATALOG_DIR (default data/) into OUT_DIR (default dist/); see src/build/run-build.ts.
import { join } from 'node:path';
import { PROJECT_ROOT, runBuild } from '../src/build/run-build.ts';

process.exitCode = await runBuild({
  catalogDir: process.env.CATALOG_DIR ?? join(PROJECT_ROOT, 'data'),
  outDir: process.env.OUT_DIR ?? join(PROJECT_ROOT, 'dist'),
});
