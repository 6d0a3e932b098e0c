import { basename, join } from 'node:path';
import { slugify } from '../../core/catalog/slug.ts';
import type { ServerInfo } from '../../core/import/parse-tools-list.ts';
import { SLUG_PATTERN } from '../../core/schema/server.ts';
import { ImportError } from './errors.ts';
import type { ImportOptions } from './options.ts';

export interface Destination {
  /** The data file to write. */
  path: string;
  /** The name for a new file (an existing file keeps its own unless --name says otherwise). */
  name: string;
  /** Where `name` came from, for the progress line. */
  nameFrom: string;
  /** The slug came from what the server calls itself: an existing file there is only updated with --update. */
  chosenByServer: boolean;
}

/** `my-server` → "My Server": a readable name for the editors to refine. */
export function nameFromSlug(slug: string): string {
  return slug
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

/**
 * Which file to write, and the server's name: from --name, else what the server calls itself
 * (serverInfo title, else name), else the data file the user named (--out, --slug), else the --file.
 * The file is --out, else data/servers/<slug>.json; its name must be a slug, as the catalog loader requires.
 */
export function chooseDestination(options: ImportOptions, server: ServerInfo | undefined): Destination {
  const serverName = server?.title ?? server?.name;
  const inputSlug = options.source.kind === 'file' ? slugify(basename(options.source.path).replace(/\.json$/i, '')) : undefined;
  const slugOfName = options.slug ?? ((options.name ?? serverName) ? slugify((options.name ?? serverName)!) : inputSlug);
  const path = options.out ?? (slugOfName ? join('data', 'servers', `${slugOfName}.json`) : undefined);
  if (!path) throw new ImportError('the server does not say its name (no serverInfo): pass --name "…" or --out data/servers/<slug>.json');
  const fileSlug = basename(path).replace(/\.json$/, '');
  if (!path.endsWith('.json') || !SLUG_PATTERN.test(fileSlug))
    throw new ImportError('the file name must be the server slug and end in .json, e.g. data/servers/my-server.json', `--out ${path}`);
  if (options.slug && options.slug !== fileSlug)
    throw new ImportError({
      message: `--slug "${options.slug}" differs from the file name "${fileSlug}"`,
      hint: 'the catalog names each data file after its slug',
    });

  const chosenByServer = !options.out && !options.slug && !options.name && serverName !== undefined;
  const named =
    options.name !== undefined
      ? { name: options.name, nameFrom: '--name' }
      : serverName !== undefined
        ? { name: serverName, nameFrom: `the server's serverInfo.${server?.title ? 'title' : 'name'}` }
        : options.out !== undefined
          ? { name: nameFromSlug(fileSlug), nameFrom: 'the --out file name' }
          : options.slug !== undefined
            ? { name: nameFromSlug(fileSlug), nameFrom: '--slug' }
            : { name: nameFromSlug(fileSlug), nameFrom: 'the --file name' };
  return { path, ...named, chosenByServer };
}
