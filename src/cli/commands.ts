import type { RunCommand } from './io.ts';

export interface Command {
  summary: string;
  /** Loads the command's module, which exports `run(args, io): Promise<exitCode>`. */
  load: () => Promise<{ run: RunCommand }>;
}

// One entry per command; modules load on demand so `validate` never pays for the importer.
export const COMMANDS: Record<string, Command> = {
  build: { summary: 'build the site from a catalog directory (same as npm run build)', load: () => import('./build-command.ts') },
  merge: { summary: 'assemble the outputs of build --shard i/n into one site', load: () => import('./merge-command.ts') },
  validate: { summary: 'check a policy.json: syntax, schema and lint findings', load: () => import('./validate-command.ts') },
  import: { summary: 'import the tools of a server (file, stdio command or URL) into its data file', load: () => import('./import-command.ts') },
  check: { summary: 'compare what a server lists now with its definitions in the catalog (exit 1 on drift)', load: () => import('./check-command.ts') },
  policy: {
    summary: 'write the recommended policy of a stack of servers for a client (claude-code, agentgateway, ...)',
    load: () => import('./policy-command.ts'),
  },
  classify: { summary: 'print the classification of each tool of a data file or tools/list dump as JSON', load: () => import('./classify-command.ts') },
};
