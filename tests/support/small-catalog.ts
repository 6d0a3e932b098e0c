import { buildCatalog, type Catalog, type CatalogTool } from '../../src/core/catalog/build-catalog.ts';
import type { ServerFile } from '../../src/core/schema/server.ts';

/** A catalog of servers written in the test: no unit test depends on the sample catalog in data/. */
export function catalogOf(servers: Record<string, ServerFile>): Catalog {
  return buildCatalog(Object.entries(servers).map(([slug, data]) => ({ slug, file: `servers/${slug}.json`, data })));
}

const object = (properties: Record<string, unknown>, required: string[] = []) => ({ type: 'object', properties, required });
const text = (description?: string) => ({ type: 'string', ...(description ? { description } : {}) });

/**
 * Three small servers, in this project's words, that between them hold a tool of every level, a
 * low-confidence rating, argument guards, editors' overrides (rating, policy, FAQ entries) and
 * every value of readOnlyHint.
 */
export const SMALL_SERVERS: Record<string, ServerFile> = {
  notebook: {
    name: 'Notebook Server',
    description: 'Keeps plain-text notes in folders.',
    package: { registry: 'npm', name: 'notebook-mcp' },
    transport: ['stdio'],
    tools: [
      {
        name: 'list_notes',
        description: 'Lists the notes in a folder, newest first. Returns titles only.',
        inputSchema: object({ folder: text('The folder to list.') }),
        annotations: { readOnlyHint: true },
      },
      {
        name: 'read_note_file',
        description: 'Reads a note from disk.',
        inputSchema: object({ path: text('Where the note lives.'), head: { type: 'integer' }, tail: { type: 'integer' } }, ['path']),
        annotations: { readOnlyHint: true },
      },
      {
        name: 'write_note',
        description: 'Writes a note to disk, replacing what was there.',
        inputSchema: object({ path: text(), content: text(), force: { type: 'boolean' } }, ['path', 'content']),
        annotations: { readOnlyHint: false },
      },
      {
        name: 'delete_note',
        description: 'Deletes a note for good. There is no undo.',
        inputSchema: object({ note_id: text(), confirm: { type: 'boolean' } }, ['note_id', 'confirm']),
        annotations: { readOnlyHint: false, destructiveHint: true },
      },
      { name: 'nbk_frob_state' },
    ],
  },
  ledger: {
    name: 'Ledger Server',
    tools: [
      {
        name: 'list_payments',
        description: 'Lists recent payments with their amounts and status.',
        inputSchema: object({ limit: { type: 'integer' } }),
      },
      {
        name: 'send_payment',
        description: 'Sends a payment from the account to a recipient.',
        inputSchema: object({ amount: { type: 'number' }, recipient: text() }, ['amount', 'recipient']),
      },
      {
        name: 'refund_payment',
        description: 'Refunds a payment, in full or in part.',
        inputSchema: object({ payment_id: text(), amount: { type: 'number' } }, ['payment_id']),
        overrides: {
          level: 'critical',
          rationale: 'Money leaves the account and cannot be recalled.',
          faq: [{ question: 'Why ask for an amount?', answer: 'Without one the whole payment goes back.' }],
          policy: { action: 'require_approval', reason: 'A person confirms each refund.', require: [{ path: 'args.amount', op: 'exists' }] },
        },
      },
    ],
  },
  runner: {
    name: 'Runner Server',
    tools: [
      {
        name: 'run_command',
        description: 'Runs a shell command on the host and returns its output.',
        inputSchema: object({ command: text('The command line.') }, ['command']),
      },
      {
        name: 'get_status',
        description: 'Gets the status of the runner.',
        inputSchema: object({}),
        annotations: { readOnlyHint: true },
      },
    ],
  },
};

export const SMALL_CATALOG = catalogOf(SMALL_SERVERS);

/** A tool of SMALL_CATALOG by `server/name`. */
export function smallTool(id: string): CatalogTool {
  const [server, name] = id.split('/');
  const found = SMALL_CATALOG.tools.find((tool) => tool.server.slug === server && tool.name === name);
  if (!found) throw new Error(`no tool ${id} in the small catalog`);
  return found;
}
