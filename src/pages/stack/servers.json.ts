import { catalog } from '../../content.ts';
import { stackServerList } from '../../core/flows/server-flows.ts';

// The stack page's type-ahead loads this list when a search starts; a listing, rendered every build.
export const GET = () => Response.json(stackServerList(catalog));
