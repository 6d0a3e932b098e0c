import { DataError, issueText, parseWithFriendlyErrors } from '../errors/friendly.ts';
import { parseJsonFile } from '../errors/json-text.ts';
import { ServerFileSchema, SLUG_PATTERN, SLUG_RULE, type ServerFile } from '../schema/server.ts';
import { normaliseServerFile } from './normalise.ts';
import { toolNameWarnings } from './tool-names.ts';

export interface LoadedServer {
  slug: string;
  /** Path shown in messages, relative to the working directory. */
  file: string;
  data: ServerFile;
  /** What was accepted but is odd (nulls, long texts, repeated names...), one line each naming file and JSON path. */
  warnings: string[];
}

/** A parsed data file, normalised and checked; throws a DataError naming `file` and the JSON paths. */
export function parseServerFile(json: unknown, file: string): { data: ServerFile; warnings: string[] } {
  if (isToolsListResponse(json)) {
    const hint = `move it out of the catalog, then npx policy-atlas import --file <where it went> --out ${file} writes the server file`;
    throw new DataError([issueText({ message: 'this is a tools/list response, not a server file: it has no "name"', hint }, file)]);
  }
  const notes: string[] = [];
  const data = parseWithFriendlyErrors(ServerFileSchema, normaliseServerFile(json, notes), file);
  notes.push(...toolNameWarnings(data.tools, ['tools']));
  return { data, warnings: notes.map((note) => `${file} › ${note}`) };
}

/** A saved `tools/list` result (bare, or in its JSON-RPC envelope) dropped into a catalog as it is. */
function isToolsListResponse(json: unknown): boolean {
  if (typeof json !== 'object' || json === null || Array.isArray(json) || 'name' in json) return false;
  const body = 'result' in json && typeof json.result === 'object' && json.result !== null ? json.result : json;
  return 'tools' in body && Array.isArray(body.tools);
}

/** The server slug a data file's path names (`servers/<slug>.json`); throws a DataError naming `file` when it is not one. */
export function slugOfPath(path: string, file: string): string {
  const slug = path
    .split(/[\\/]/)
    .pop()!
    .replace(/\.json$/, '');
  if (!SLUG_PATTERN.test(slug)) {
    throw new DataError([issueText({ message: `the file name must be the server slug: ${SLUG_RULE}`, hint: 'rename it' }, file)]);
  }
  return slug;
}

/** A data file's text, parsed and checked against the slug its name gives; throws a DataError naming `file`. */
export function serverFromText(text: string, slug: string, file: string): LoadedServer {
  const { data, warnings } = parseServerFile(parseJsonFile(text, file), file);
  if (data.slug !== undefined && data.slug !== slug) {
    throw new DataError([
      issueText({ path: ['slug'], message: `"${data.slug}" differs from the file name "${slug}"`, hint: 'rename the file or remove "slug"' }, file),
    ]);
  }
  return { slug, file, data, warnings };
}
