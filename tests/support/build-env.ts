/**
 * The environment for a build a test starts: the test's own, without what Vitest adds to a worker's
 * to mirror import.meta.env. Astro reads import.meta.env from the process at build time, so the
 * worker's BASE_URL=/ would replace the base path of a build's links.
 */
export function buildEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['BASE_URL', 'MODE', 'DEV', 'PROD', 'SSR']) delete env[name];
  return { ...env, ...extra };
}
