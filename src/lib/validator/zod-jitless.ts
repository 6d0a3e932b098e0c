import { z } from 'zod';

// zod compiles fast parsers with new Function, which the site's CSP forbids. Schemas decide this
// when they are built, so this module must be imported before any schema module.
z.config({ jitless: true });
