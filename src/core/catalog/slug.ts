import { nameTokens } from '../text/tokens.ts';
import { shortHash } from '../text/hash.ts';

const MAX_SLUG_LENGTH = 80;
// Device names that Windows refuses as file names, even with an extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/** A URL- and file-safe slug: lowercase ASCII words joined by dashes; never empty. */
export function slugify(name: string): string {
  let slug = nameTokens(name).join('-').slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
  if (!slug) slug = 'tool';
  if (RESERVED.test(slug)) slug = `${slug}-tool`;
  return slug;
}

/**
 * Slugs for names that must not collide (the tools of one server). Names that slug alike all get
 * pages: the first in code-point order keeps the plain slug, the others get a suffix derived from
 * their own name alone, so a suffixed slug never changes when other tools come or go.
 */
export function uniqueSlugs(names: readonly string[]): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const name of names) {
    const base = slugify(name);
    const group = groups.get(base);
    if (group) group.push(name);
    else groups.set(base, [name]);
  }
  const taken = new Set(groups.keys());
  const result = new Map<string, string>();
  for (const [base, group] of groups) {
    const ordered = [...new Set(group)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    result.set(ordered[0]!, base);
    for (const name of ordered.slice(1)) {
      const hash = shortHash(name);
      let slug = `${base}-${hash}`;
      for (let n = 2; taken.has(slug); n++) slug = `${base}-${hash}-${n}`;
      taken.add(slug);
      result.set(name, slug);
    }
  }
  return result;
}

/**
 * One slug per tool, in list order, for a server whose list may name a tool twice (clients accept
 * that): each name's first entry gets its uniqueSlugs slug, each repeat that slug with `-2`, `-3`…,
 * skipping any slug already taken, so that no entry loses its page.
 */
export function toolSlugs(names: readonly string[]): string[] {
  const byName = uniqueSlugs(names);
  const taken = new Set(byName.values());
  const seen = new Map<string, number>();
  return names.map((name) => {
    const repeat = (seen.get(name) ?? 0) + 1;
    seen.set(name, repeat);
    const slug = byName.get(name)!;
    if (repeat === 1) return slug;
    let candidate = `${slug}-${repeat}`;
    for (let n = repeat + 1; taken.has(candidate); n++) candidate = `${slug}-${n}`;
    taken.add(candidate);
    return candidate;
  });
}
