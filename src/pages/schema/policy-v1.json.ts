import { policyJsonSchema } from '../../core/policy/json-schema.ts';
import { absoluteUrl } from '../../lib/absolute-url.ts';

export const GET = () =>
  new Response(JSON.stringify(policyJsonSchema(absoluteUrl('/schema/policy-v1.json')), null, 2), { headers: { 'Content-Type': 'application/schema+json' } });
