import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mergeToolPages, parseToolsListText } from '../../core/import/parse-tools-list.ts';
import { ImportError, listServerTools, type ListedTools, type ListOptions } from './client.ts';
import { warningsToSay } from '../../core/errors/warning-summary.ts';
import type { Source } from './source-args.ts';

export type ReadTools = Omit<ListedTools, 'transport'> & { transport?: ListedTools['transport'] };

/**
 * The tools a source lists: a saved tools/list file, or a live server over stdio or HTTP (stray stdout
 * lines, nulls and repeated names read as clients read them). `progress` gets progress and warnings;
 * a file's path is read from `cwd`.
 */
export async function readTools(source: Source, options: ListOptions): Promise<ReadTools> {
  if (source.kind !== 'file') return listServerTools(source, options);
  const { path } = source;
  const say = options.progress;
  let text: string;
  try {
    text = readFileSync(resolve(options.cwd, path), 'utf8');
  } catch (error) {
    throw new ImportError(`cannot read the file (${(error as Error).message})`, path);
  }
  const page = parseToolsListText(text, path);
  for (const line of warningsToSay(page.notes ?? [])) say(line);
  if (page.nextCursor) say(`${path} has a nextCursor: it holds one page of the list, and only that page is read`);
  return { tools: mergeToolPages([{ context: path, tools: page.tools }]), ...(page.server ? { server: page.server } : {}) };
}
