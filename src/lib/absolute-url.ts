import { href } from './href.ts';

/** Absolute URL of a site path on the deployed site (SITE_URL + BASE_PATH). */
export function absoluteUrl(path: string): string {
  return new URL(href(path), import.meta.env.SITE).href;
}
