import type { DefinitionField } from './definition-hash.ts';
import type { Tool } from '../schema/server.ts';

/** What one definition field holds, for tools that may be partial (a history version, a dump). */
export type Definition = Pick<Tool, 'name'> & Partial<Pick<Tool, DefinitionField>>;
