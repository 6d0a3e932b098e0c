import { catalog } from '../content.ts';
import { llmsText } from '../core/site/machine-readable.ts';
import { absoluteUrl } from '../lib/absolute-url.ts';

export const GET = () => new Response(llmsText(catalog, absoluteUrl), { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
