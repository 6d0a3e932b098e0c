import { catalog } from '../content.ts';
import { catalogSummary } from '../core/site/machine-readable.ts';
import { absoluteUrl } from '../lib/absolute-url.ts';

export const GET = () => Response.json(catalogSummary(catalog, absoluteUrl));
