import type { ServerPolicy } from '../flows/server-slices.ts';
import type { Policy } from '../policy/schema.ts';
import { DIALECTS } from './registry.ts';
import { SERVER_FORMATS } from './server-formats.ts';
import type { DialectSnippet } from './snippets.ts';

/**
 * A stack's policy in every client format, as `policy --for` writes it: each server's rules under
 * its own name. Where it goes is said for the first server; the others go the same way under theirs.
 */
export function stackDialectSnippets(combined: Policy, servers: readonly ServerPolicy[]): DialectSnippet[] {
  const [first, ...others] = servers.map((server) => server.name);
  return DIALECTS.map(({ id, title, filename, placement }) => {
    const { text, lost } = SERVER_FORMATS[id].write(combined, servers);
    const rest = others.length > 0 ? ` The same goes for ${others.join(', ')}, each under its own name.` : '';
    return { id, title, filename, placement: first === undefined ? '' : `${placement(first)}${rest}`, text, lost };
  });
}
