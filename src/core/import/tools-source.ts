import { parseServerFile } from '../catalog/server-file.ts';
import type { Tool } from '../schema/server.ts';
import { parseToolsList } from './parse-tools-list.ts';

export interface ToolsSource {
  /** The server's name: the data file's, else the dump's serverInfo, else `fallbackName`. */
  server: string;
  tools: Tool[];
  /** A catalog data file keeps its editors' overrides; a dump never has any. */
  kind: 'data-file' | 'dump';
  /** What was read leniently (nulls, repeated names...), one line each naming the JSON path. */
  notes: string[];
}

/** A data file (`{"name", "tools"}`) is told apart from a tools/list dump by its top-level `name`. */
function isDataFile(json: unknown): boolean {
  return json !== null && typeof json === 'object' && !Array.isArray(json) && typeof (json as Record<string, unknown>).name === 'string';
}

/** The tools of a parsed data file or tools/list dump (any of the three shapes), checked and named. */
export function toolsFromJson(json: unknown, context: string, fallbackName: string): ToolsSource {
  if (isDataFile(json)) {
    const { data, warnings } = parseServerFile(json, context);
    return { server: data.name, tools: data.tools, kind: 'data-file', notes: warnings };
  }
  const page = parseToolsList(json, context);
  return { server: page.server?.title ?? page.server?.name ?? fallbackName, tools: page.tools, kind: 'dump', notes: page.notes ?? [] };
}
