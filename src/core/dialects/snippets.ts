import type { Policy } from '../policy/schema.ts';
import { DIALECTS, type DialectId } from './registry.ts';

/** One policy as one dialect, laid out for a page: what to call it, where it goes, what it drops. */
export interface DialectSnippet {
  id: DialectId;
  title: string;
  filename: string;
  /** Where the fragment goes, in the words of the tool's own docs. */
  placement: string;
  /** The fragment's text (JSON or TOML, as the client reads it). */
  text: string;
  lost: string[];
}

/** The page's policy in every client format; `serverKey` stands in for the user's name for the server. */
export function dialectSnippets(serverKey: string, policy: Policy): DialectSnippet[] {
  return DIALECTS.map(({ id, title, filename, placement, write }) => {
    const { text, lost } = write(serverKey, policy);
    return { id, title, filename, placement: placement(serverKey), text, lost };
  });
}
