import { catalog } from '../content.ts';

// The validator's "no server has this tool" lint loads this list on demand.
export const GET = () => Response.json([...new Set(catalog.tools.map((t) => t.name))].sort());
