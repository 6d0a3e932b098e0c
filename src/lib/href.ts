/** Prefixes a site path with the deployment base (BASE_PATH), e.g. `/atlas/servers/`. */
export function href(path: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/$/, '')}${path}`;
}
