import { describe, expect, it } from 'vitest';
import { classifyTool } from '../../src/core/classify/classify-tool.ts';
import type { Tool } from '../../src/core/schema/server.ts';

/**
 * The classes of error of issue 27, each with examples written for this test in domains the issue
 * does not name. A case gives the category and the highest level a careful reader accepts.
 */
type Case = [name: string, description: string, params: Record<string, string>, category: string, maxLevel: 'low' | 'medium' | 'high' | 'critical'];

const RANK = { low: 0, medium: 1, high: 2, critical: 3 } as const;

function tool(name: string, description: string, params: Record<string, string>): Tool {
  const properties = Object.fromEntries(Object.entries(params).map(([p, d]) => [p, { type: 'string', description: d }]));
  return { name, description, inputSchema: { type: 'object', properties } } as Tool;
}

function check([name, description, params, category, maxLevel]: Case) {
  const got = classifyTool(tool(name, description, params));
  expect(got.category, got.rationale).toBe(category);
  expect(RANK[got.level], `${got.level}: ${got.rationale}`).toBeLessThanOrEqual(RANK[maxLevel]);
}

describe('1. the verb decides, not a noun of its object', () => {
  it.each<Case>([
    ['eval_get', 'Gets one evaluation of a translation model by id.', { eval_id: 'Evaluation id' }, 'read', 'low'],
    ['get_quiz_evaluation', 'Returns how a student did on a quiz.', { quiz_id: 'Quiz id' }, 'read', 'medium'],
    ['fetch_lease_policy', 'Fetches the lease renewal policy of a building.', { building: 'Building code' }, 'read', 'medium'],
    ['rpc_block_reward', 'Get the reward paid for a mined block.', { height: 'Block height' }, 'read', 'low'],
    ['symbol_hover', 'Get type information for the symbol under a cursor.', { file: 'File', line: 'Line' }, 'read', 'medium'],
  ])('%s', (...c) => check(c));
});

describe('2. a parameter name is no capability: SQL needs SQL', () => {
  it.each<Case>([
    ['search_handbook', 'Keyword search over the employee handbook, which lives in a database.', { query: 'Words to look for' }, 'read', 'low'],
    ['find_spare_parts', 'Find spare parts in the parts database by keyword.', { query: 'Part name or number' }, 'read', 'low'],
    [
      'catalog_search',
      'Searches the seed catalog. Mentions of PostgreSQL below are about the catalog backend.',
      { query: "Search term, e.g. 'tomato'" },
      'read',
      'low',
    ],
    ['query_warehouse_table', 'Query any warehouse table by name with filters.', { table: 'Table name', query: 'Filter expression' }, 'read', 'medium'],
    ['search_tickets', 'Searches support tickets by keywords.', { query: 'Keywords or a KQL expression such as status:open' }, 'read', 'low'],
  ])('%s', (...c) => check(c));

  it('a query said to be SQL still runs SQL', () => {
    check(['run_report_query', 'Runs a query against the reporting database.', { query: 'SQL text to run' }, 'execute', 'critical']);
    expect(classifyTool(tool('search_rows', 'Search rows.', { query: 'A SQL WHERE clause' })).signals).toContain('raw-sql');
  });

  it('code handed to a tool that only reviews it runs nothing', () => {
    check(['review_patch', 'Get a second opinion on a patch from a reviewer model.', { code: 'The code to review' }, 'read', 'low']);
  });
});

describe('3. what the description states outright outranks a noun', () => {
  it.each<Case>([
    ['manage_playlists', 'Manage playlists (read-only): list them and show their tracks.', { action: 'What to do' }, 'read', 'low'],
    ['stale_branches', 'Branches untouched for 90 days (read-only report).', { repo: 'Repository' }, 'read', 'low'],
    ['duplicate_photos', 'Groups photos with the same content hash. Read-only.', { album: 'Album' }, 'read', 'low'],
    ['quota_settings', 'Shows the storage quota of a team. Does not modify anything.', { team: 'Team' }, 'read', 'low'],
  ])('%s', (...c) => check(c));

  it('a plain verb the description repeats stays, whatever else is read-only', () => {
    check(['create_recipe_card', 'Create a recipe card. Ingredients are read-only once published.', { title: 'Title' }, 'write', 'high']);
    check(['update_shelf', 'Returns the updated shelf after renaming it.', { shelf_id: 'Shelf', name: 'New name' }, 'write', 'medium']);
  });

  it('read-only that the tool sets is no statement about the tool', () => {
    check(['lock_document', 'Sets a document to read-only for everyone.', { document_id: 'Document' }, 'write', 'high']);
  });
});

describe('4. producing an answer is a read', () => {
  it.each<Case>([
    ['compute_mortgage', 'Computes the monthly payment of a mortgage.', { principal: 'Amount', rate: 'Rate' }, 'read', 'medium'],
    ['base32_encode', 'Encode text as Base32.', { text: 'Input' }, 'read', 'low'],
    ['generate_haiku', 'Generate a haiku about a topic.', { topic: 'Topic' }, 'read', 'low'],
    ['generate_test_outline', 'Generate an outline of test cases for a feature.', { feature: 'Feature' }, 'read', 'low'],
    ['optimize_delivery_route', 'Optimize the order of delivery stops and return the route.', { stops: 'Stops' }, 'read', 'low'],
    ['rerank_passages', 'Rerank passages by relevance to a question.', { question: 'Question' }, 'read', 'low'],
    ['answer_policy_question', 'Answer a question from the travel policy handbook.', { question: 'Question' }, 'read', 'medium'],
    ['buscar_vuelos', 'Buscar vuelos entre dos ciudades.', { origen: 'Ciudad', destino: 'Ciudad' }, 'read', 'low'],
    ['resolve_module_path', 'Resolve a module specifier to the file it loads.', { specifier: 'Specifier' }, 'read', 'medium'],
    ['split_transcript', 'Split a transcript into chapters by topic.', { text: 'Transcript' }, 'read', 'low'],
    ['churn_signals', 'Customer churn analysis from support tickets.', { account: 'Account' }, 'read', 'medium'],
    ['库存', '查询仓库的库存数量。', { sku: 'SKU' }, 'read', 'low'],
  ])('%s', (...c) => check(c));

  it('what settles a matter, or names a change, is no answer', () => {
    check(['resolve_review_thread', 'Resolve a review thread on a merge request.', { thread_id: 'Thread' }, 'write', 'medium']);
    check(['import_statistics', 'Monthly statistics import and refresh of the dashboard.', { month: 'Month' }, 'write', 'high']);
    check(['清理缓存', '删除所有过期的缓存条目。', { prefix: 'Prefix' }, 'destructive', 'critical']);
  });

  it('what is generated and kept by the service, or put somewhere, is made', () => {
    check(['generate_deploy_key', 'Generate a deploy key for a repository.', { repo: 'Repository' }, 'write', 'high']);
    check(['generate_sticker_pack', 'Generate a sticker pack from a prompt and upload it to the workspace.', { prompt: 'Prompt' }, 'write', 'medium']);
    check(['format_sd_card', 'Formats the SD card of a camera.', { camera: 'Camera' }, 'destructive', 'critical']);
    check(['reindex_optimize', 'Optimize the search indexes of a shop.', { shop: 'Shop' }, 'write', 'medium']);
  });

  it('a first sentence that says code runs executes, whatever the name', () => {
    check(['calculate', 'Calculate a value by running JavaScript in a sandbox.', { source: 'JavaScript' }, 'execute', 'critical']);
  });
});

describe('5. copies, migrations, downloads and triggered jobs make something', () => {
  it.each<Case>([
    ['duplicate_board', 'Duplicate a kanban board with its columns.', { board_id: 'Board' }, 'write', 'high'],
    ['replicate_bucket', 'Replicates a bucket into another region.', { bucket: 'Bucket' }, 'write', 'high'],
    ['migrate_wiki_space', 'Migrate a wiki space to the new editor.', { space: 'Space' }, 'write', 'high'],
    ['get_backup_archive', 'Download a backup archive from the vault to a local directory.', { archive: 'Archive' }, 'write', 'high'],
    ['change_ticket_priority', 'Change the priority of a help-desk ticket.', { ticket: 'Ticket', priority: 'Priority' }, 'write', 'high'],
    ['podcast_search_missing', 'Trigger a search for missing episodes of a show to download.', { show_id: 'Show' }, 'write', 'high'],
  ])('%s', (...c) => check(c));

  it('an injection test against a given address acts on that system', () => {
    check(['header_injection_probe', 'Probe a login form for header injection.', { url: 'Target' }, 'execute', 'high']);
  });
});
