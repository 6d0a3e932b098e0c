import type { Category, Signal } from '../risk.ts';

/** Verbs as they appear in tool names, by the category they imply. */
export const VERBS: Record<Exclude<Category, 'other'>, readonly string[]> = {
  read: [
    'get', 'list', 'read', 'search', 'find', 'describe', 'show', 'view', 'fetch', 'lookup', 'count',
    'check', 'inspect', 'retrieve', 'browse', 'query', 'stat', 'status', 'info', 'logs', 'log', 'watch',
    'validate', 'analyze', 'analyse', 'explain', 'preview', 'summarize', 'diff', 'compare', 'estimate',
    'download', 'export', 'screenshot', 'snapshot', 'tail', 'grep', 'ls', 'cat', 'head', 'resolve',
    'recommend', 'suggest', 'scan', 'test', 'ping', 'verify', 'lint', 'render', 'translate', 'convert',
    'calculate', 'parse', 'extract', 'scrape', 'crawl', 'navigate', 'open', 'load', 'select', 'hover',
    'wait', 'track', 'monitor', 'echo', 'audit', 'troubleshoot', 'diagnose', 'health', 'whoami', 'me',
  ],
  write: [
    'create', 'add', 'update', 'edit', 'set', 'put', 'write', 'insert', 'upload', 'save', 'append',
    'modify', 'patch', 'rename', 'move', 'copy', 'tag', 'label', 'assign', 'comment', 'reply', 'enable',
    'start', 'schedule', 'mark', 'merge', 'push', 'commit', 'fork', 'import', 'register', 'invite',
    'react', 'star', 'pin', 'archive', 'configure', 'apply', 'deploy', 'build', 'install', 'scale',
    'restart', 'stop', 'upsert', 'new', 'make', 'generate', 'containerize', 'click', 'fill', 'type',
    'press', 'drag', 'sync', 'restore', 'approve', 'submit', 'close', 'reopen', 'lock', 'unlock',
    'grant', 'attach', 'link', 'subscribe', 'follow', 'send', 'post', 'publish', 'notify',
    'tweet', 'share', 'forward', 'transition', 'resize', 'rollback', 'reboot', 'provision', 'login',
  ],
  destructive: [
    'delete', 'remove', 'drop', 'destroy', 'purge', 'truncate', 'wipe', 'erase', 'kill', 'terminate',
    'revoke', 'uninstall', 'reset', 'clear', 'unpublish', 'prune', 'deprovision', 'detach', 'rm',
    'rmdir', 'overwrite', 'discard', 'evict', 'flush', 'cancel', 'abort', 'disable', 'unlink', 'del',
  ],
  execute: [
    'exec', 'execute', 'run', 'eval', 'evaluate', 'invoke', 'call', 'spawn', 'shell', 'bash', 'sh',
    'script', 'trigger', 'dispatch', 'interact',
  ],
  financial: [
    'pay', 'charge', 'refund', 'payout', 'transfer', 'withdraw', 'purchase', 'buy', 'sell', 'checkout',
    'invoice', 'bill', 'capture', 'tip', 'donate',
  ],
};

/** Verbs that send something to people or systems outside the tool's own service. */
export const SENDING_VERBS = new Set(['send', 'post', 'publish', 'notify', 'email', 'tweet', 'share', 'reply', 'invite']);

/** Nouns in names that make a write a money movement. */
export const MONEY_NOUNS = new Set([
  'payment', 'payments', 'payout', 'payouts', 'refund', 'refunds', 'charge', 'charges', 'transfer',
  'transfers', 'invoice', 'invoices', 'subscription', 'subscriptions', 'price', 'prices', 'balance',
  'wallet', 'money', 'order', 'orders', 'checkout', 'coupon', 'discount', 'credit', 'billing', 'cost',
  'costs', 'pricing', 'budget', 'budgets',
]);

/** Money nouns whose creation moves money (a refund, a payout), not merely describes it. */
export const MONEY_MOVEMENT_NOUNS = new Set(['payment', 'payout', 'refund', 'charge', 'transfer', 'intent', 'checkout', 'withdrawal', 'order']);

/** Name nouns that scale a destruction to infrastructure or to everything. */
export const INFRA_NOUNS = new Set([
  'infrastructure', 'cluster', 'clusters', 'database', 'databases', 'db', 'table', 'tables', 'bucket',
  'buckets', 'stack', 'stacks', 'namespace', 'namespaces', 'account', 'accounts', 'project',
  'projects', 'repository', 'repo', 'repositories', 'all', 'environment', 'instance', 'instances',
  'app', 'service', 'services', 'schema', 'index', 'volume', 'deployment', 'deployments', 'organization',
]);

/** Name nouns and parameter names, by the signal they raise. */
export const SIGNAL_WORDS: Record<Exclude<Signal, 'suspicious-description' | 'money' | 'bulk'>, { names: readonly string[]; params: readonly string[] }> = {
  'shell-command': { names: ['shell', 'bash', 'command', 'cmd', 'terminal', 'exec', 'kubectl'], params: ['command', 'cmd', 'shell', 'commands', 'argv'] },
  'code-eval': { names: ['eval', 'evaluate', 'script', 'code', 'javascript', 'python', 'repl', 'notebook'], params: ['code', 'script', 'javascript', 'snippet', 'python', 'js'] },
  'raw-sql': { names: ['sql', 'query', 'cypher', 'sparql', 'cql', 'gremlin'], params: ['sql', 'statement', 'cypher', 'cql', 'sql_query'] },
  'filesystem-path': { names: ['file', 'files', 'directory', 'dir', 'folder', 'path'], params: ['path', 'paths', 'file', 'filepath', 'file_path', 'filename', 'directory', 'dir', 'root'] },
  'fetches-url': { names: ['url', 'fetch', 'scrape', 'crawl', 'navigate', 'http', 'webhook', 'browse'], params: ['url', 'uri', 'urls', 'endpoint', 'href', 'webhook'] },
  'sends-external': { names: ['email', 'mail', 'sms', 'message', 'messages', 'chat', 'webhook', 'tweet', 'notification', 'slack'], params: ['to', 'recipient', 'recipients', 'cc', 'bcc', 'webhook_url'] },
  credentials: { names: ['secret', 'secrets', 'token', 'tokens', 'apikey', 'apikeys', 'password', 'passwords', 'credential', 'credentials', 'apikey', 'auth', 'oauth', 'certificate', 'ssh', 'kms'], params: ['token', 'secret', 'password', 'api_key', 'apikey', 'credential', 'credentials', 'private_key', 'secret_value'] },
  permissions: { names: ['iam', 'role', 'roles', 'policy', 'policies', 'permission', 'permissions', 'acl', 'acls', 'grant', 'rbac', 'member', 'members', 'collaborator', 'collaborators', 'admin', 'sharing'], params: ['role', 'roles', 'policy', 'permission', 'permissions', 'acl', 'principal', 'access_level', 'scopes'] },
  'raw-html': { names: ['html', 'template', 'templates', 'markup'], params: ['html', 'body_html', 'markup'] },
  'personal-data': { names: ['user', 'users', 'profile', 'contact', 'contacts', 'customer', 'customers', 'employee', 'people', 'person', 'member', 'members', 'email', 'emails', 'inbox', 'message', 'messages', 'dm', 'conversation', 'conversations'], params: ['email', 'phone', 'ssn', 'address', 'birthdate', 'date_of_birth'] },
};

/** Money parameter names: an amount to move. */
export const MONEY_PARAMS = new Set(['amount', 'currency', 'price', 'unit_amount', 'value_cents', 'amount_cents']);

/** Parameter names that widen an action to many objects. */
export const BULK_PARAMS = new Set(['ids', 'all', 'recursive', 'force', 'bulk', 'batch']);

/** Names of verbs that run a predefined job rather than arbitrary code. */
export const JOB_NOUNS = new Set(['workflow', 'workflows', 'pipeline', 'pipelines', 'job', 'jobs', 'build', 'task', 'tasks', 'action', 'actions', 'test', 'tests', 'lambda', 'function', 'functions', 'automation', 'runbook']);

/** Description phrases, by the category they support (regexes over lower-cased text). */
export const DESCRIPTION_PHRASES: Record<Exclude<Category, 'other'>, readonly RegExp[]> = {
  read: [/\bread[- ]only\b/, /\bdoes not (modify|change|write)\b/, /\b(returns|retrieves|lists|gets|fetches|shows|searches|reads|describes)\b/],
  write: [/\b(creates?|updates?|modif(y|ies)|writes?|adds?|edits?|uploads?|inserts?|saves?)\b/],
  destructive: [/\b(permanently|irreversibl[ey]|cannot be undone|deletes?|removes?|destroys?|drops?|wipes?|terminates?)\b/],
  execute: [/\b(execut(e|es|ing)|runs?) (a |an |any |arbitrary )?(shell |terminal |bash |sql |javascript |python )?(commands?|scripts?|code|quer(y|ies)|statements?)\b/, /\barbitrary (code|commands?|sql)\b/],
  financial: [/\b(charges?|refunds?|pays?|payouts?|transfers? (money|funds)|moves? money|payment)\b/],
};
