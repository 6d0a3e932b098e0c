import type { Category, Signal } from '../risk.ts';

/** Verbs as they appear in tool names, by the category they imply. */
export const VERBS: Record<Exclude<Category, 'other'>, readonly string[]> = {
  read: [
    'get', 'list', 'read', 'search', 'find', 'describe', 'show', 'view', 'fetch', 'lookup', 'count',
    'check', 'inspect', 'retrieve', 'browse', 'query', 'stat', 'status', 'info', 'logs', 'watch',
    'validate', 'analyze', 'analyse', 'explain', 'preview', 'summarize', 'diff', 'compare', 'estimate',
    'download', 'export', 'screenshot', 'snapshot', 'tail', 'grep', 'ls', 'cat', 'head', 'resolve',
    'recommend', 'suggest', 'scan', 'test', 'ping', 'verify', 'lint', 'render', 'translate', 'convert',
    'calculate', 'parse', 'extract', 'scrape', 'crawl', 'open', 'load', 'select',
    'wait', 'track', 'monitor', 'echo', 'audit', 'troubleshoot', 'diagnose', 'health', 'whoami', 'me',
    'detect', 'discover', 'enumerate', 'filter', 'research', 'map', 'debug', 'access',
    'forecast', 'predict', 'aggregate', 'ask', 'classify', 'geocode', 'transcribe', 'ocr', 'recognize',
    // Computing and generating for the caller: the answer comes back, nothing is kept.
    'compute', 'encode', 'decode', 'hash', 'format', 'normalize', 'tokenize', 'rank', 'rerank',
    'autocomplete', 'recall', 'answer', 'synthesize', 'solve', 'measure', 'optimize', 'sanitize',
    'look', 'introspect', 'enrich', 'match', 'generate', 'score', 'review', 'assess', 'critique', 'proofread',
    'decompose', 'outline', 'brainstorm', 'simulate', 'desc', 'split', 'slice', 'chunk',
    // The same verbs in the languages MCP servers are most often written in besides English.
    'obtener', 'listar', 'buscar', 'consultar', 'mostrar', 'recuperar', 'obter', 'obtenir', 'lister',
    'rechercher', 'chercher', 'afficher', 'suchen', 'abrufen', 'anzeigen', 'auflisten', 'ottieni', 'elenca', 'cerca',
  ],
  write: [
    'create', 'add', 'update', 'edit', 'set', 'put', 'write', 'insert', 'upload', 'save', 'append',
    'modify', 'patch', 'rename', 'move', 'copy', 'tag', 'label', 'assign', 'comment', 'reply', 'enable',
    'start', 'schedule', 'mark', 'merge', 'push', 'commit', 'fork', 'import', 'register', 'invite',
    'react', 'star', 'pin', 'archive', 'configure', 'apply', 'deploy', 'build', 'install', 'scale',
    'restart', 'stop', 'upsert', 'new', 'make', 'containerize', 'click', 'fill', 'type',
    'press', 'drag', 'sync', 'restore', 'approve', 'submit', 'close', 'reopen', 'lock', 'unlock',
    'grant', 'attach', 'link', 'subscribe', 'follow', 'send', 'post', 'publish', 'notify',
    'tweet', 'share', 'forward', 'transition', 'resize', 'rollback', 'reboot', 'provision', 'login',
    'manage', 'replace', 'record', 'log', 'message', 'navigate', 'hover', 'reload', 'refresh', 'emulate',
    'tap', 'swipe', 'scroll', 'toggle', 'mute', 'unmute', 'connect', 'disconnect', 'clone', 'pull',
    'prepend', 'increment', 'incr', 'decrement', 'decr', 'respond', 'broadcast', 'allocate', 'reserve',
    'release', 'launch', 'fix', 'protect', 'unprotect', 'setup', 'complete', 'synchronize', 'assume',
    'compress', 'handle', 'activate', 'deactivate', 'pause', 'resume', 'retry', 'trim', 'pop',
    'backup', 'rotate', 'finalize', 'accept', 'decline', 'reject', 'block', 'ban', 'suspend', 'shutdown',
    'invalidate', 'promote', 'demote', 'turn', 'arm', 'disarm', 'mkdir', 'touch', 'cp', 'mv', 'chmod', 'chown',
    'revert', 'undo', 'redo', 'enqueue', 'emit', 'silence', 'acknowledge', 'ack', 'escalate', 'alter', 'vacuum',
    'expire', 'reschedule', 'dm', 'impersonate', 'sign', 'upgrade', 'downgrade', 'play', 'request', 'change',
    // Copies and migrations make a new resource.
    'duplicate', 'replicate', 'migrate',
    'crear', 'actualizar', 'agregar', 'anadir', 'guardar', 'enviar', 'creer', 'ajouter', 'envoyer', 'erstellen',
    'aktualisieren', 'senden', 'crea', 'aggiorna', 'invia',
  ],
  destructive: [
    'delete', 'remove', 'drop', 'destroy', 'purge', 'truncate', 'wipe', 'erase', 'kill', 'terminate',
    'revoke', 'uninstall', 'reset', 'clear', 'unpublish', 'prune', 'deprovision', 'detach', 'rm',
    'rmdir', 'overwrite', 'discard', 'evict', 'flush', 'cancel', 'abort', 'disable', 'unlink', 'del',
    'trash', 'empty', 'void', 'forget', 'decommission', 'nuke', 'teardown', 'tear',
    'eliminar', 'borrar', 'supprimer', 'loschen', 'elimina',
  ],
  execute: [
    'exec', 'execute', 'run', 'eval', 'evaluate', 'invoke', 'call', 'spawn', 'shell', 'bash', 'sh',
    'script', 'trigger', 'dispatch', 'interact',
  ],
  financial: [
    'pay', 'charge', 'refund', 'payout', 'transfer', 'withdraw', 'purchase', 'buy', 'sell', 'checkout',
    'bill', 'tip', 'donate', 'capture', 'swap', 'deposit', 'reimburse', 'wire', 'stake', 'unstake', 'mint', 'redeem',
  ],
};

/**
 * Words that name a thing as often as an action (`post`, `log`, `status`, `commit`). They count as
 * the verb only when the name holds no other verb and they do not end it: `post_message` posts,
 * `blog_post` is about a post, `get_commit` reads.
 */
export const NOUN_OR_VERB = new Set([
  'post', 'message', 'log', 'logs', 'status', 'charge', 'monitor', 'commit', 'tag', 'label', 'comment',
  'pin', 'star', 'lock', 'archive', 'schedule', 'build', 'test', 'capture', 'export', 'import', 'link',
  'snapshot', 'screenshot', 'reply', 'search', 'query', 'check', 'audit', 'watch', 'track', 'transfer',
  'bill', 'tip', 'scale', 'diff', 'count', 'stat', 'info', 'health', 'preview', 'estimate', 'record',
  'release', 'map', 'filter', 'access', 'purchase', 'script', 'call', 'me', 'head', 'cat',
  'setup', 'trigger', 'share', 'patch', 'merge', 'pull', 'backup', 'block', 'turn', 'arm', 'trash', 'empty', 'dm',
  'deposit', 'wire', 'stake', 'request', 'change', 'hash', 'match', 'rank', 'format', 'answer', 'recall', 'score',
  'review', 'outline', 'split', 'slice', 'chunk',
]);

/** Two-word nouns whose first word is also a verb: in `repo_pull_request` nothing is pulled. */
export const COMPOUND_NOUNS = new Map<string, ReadonlySet<string>>([
  ['pull', new Set(['request', 'requests'])],
  ['merge', new Set(['request', 'requests'])],
  ['push', new Set(['notification', 'notifications'])],
  ['test', new Set(['case', 'cases', 'plan', 'plans', 'suite', 'suites', 'run', 'runs', 'result', 'results'])],
  ['check', new Set(['run', 'runs', 'suite', 'suites'])],
  ['build', new Set(['status', 'log', 'logs', 'artifact', 'artifacts', 'result', 'results', 'history', 'details'])],
  ['commit', new Set(['status', 'statuses', 'history', 'message', 'messages', 'diff', 'details'])],
  ['setup', new Set(['check', 'status', 'guide'])],
  ['log', new Set(['group', 'groups', 'stream', 'streams'])],
  ['request', new Set(['log', 'logs', 'history', 'details', 'status', 'headers', 'body'])],
]);

/** First words that make a name a yes-or-no question (`is_database_connected`): it reads. */
export const QUESTION_WORDS = new Set(['is', 'are', 'has', 'have', 'can', 'does', 'do', 'should']);

/**
 * Nouns that, when the name holds no verb, name something to look at: `pods_log`, `git_status`,
 * `take_screenshot`, `web_search`.
 */
export const READ_NOUNS = new Set([
  'status', 'log', 'logs', 'info', 'health', 'stat', 'stats', 'snapshot', 'screenshot', 'diff', 'count',
  'preview', 'search', 'query', 'audit', 'usage', 'metrics', 'history', 'details', 'version', 'whoami',
  'me', 'summary', 'map', 'estimate', 'check', 'export', 'schema', 'size',
]);

/**
 * Read verbs that never name a thing: opening a name, a removal word after them names what is
 * looked at (`get_purge_status`, `describe_delete_protection`), not a second action. (`view`,
 * `scan` open resource-first names too: `view_delete` removes a view.)
 */
export const LOOKING_VERBS = new Set(['get', 'list', 'describe', 'fetch', 'retrieve', 'lookup', 'read', 'inspect', 'find']);

/** Words that join two actions in one name (`get_or_create`): the worse of the two counts. */
export const CONJUNCTIONS = new Set(['and', 'or', 'then']);

/** In a git tool these words are git commands, with what they do to the repository. */
export const GIT_VERBS = new Map<string, Exclude<Category, 'other'>>([
  ['status', 'read'], ['log', 'read'], ['diff', 'read'], ['show', 'read'], ['blame', 'read'],
  ['fetch', 'write'], ['pull', 'write'], ['push', 'write'], ['commit', 'write'], ['stash', 'write'],
  ['branch', 'write'], ['checkout', 'write'], ['switch', 'write'], ['rebase', 'write'], ['merge', 'write'],
  ['cherry', 'write'], ['tag', 'write'], ['clone', 'write'], ['init', 'write'], ['add', 'write'],
  ['revert', 'write'], ['worktree', 'write'], ['remote', 'write'], ['mv', 'write'], ['am', 'write'],
  ['reset', 'destructive'], ['clean', 'destructive'], ['rm', 'destructive'], ['restore', 'destructive'],
]);

/** Verbs that only launch something: what they launch decides (`run_audit` reads, `run_script` executes). */
export const LAUNCH_VERBS = new Set(['run', 'start', 'trigger', 'perform', 'launch', 'begin', 'kick', 'execute', 'exec']);

/** Activities that only look: launched, they still read. */
export const READ_ACTIVITIES = new Set([
  'audit', 'audits', 'search', 'scan', 'analysis', 'analyze', 'analyse', 'diagnostic', 'diagnostics',
  'report', 'lint', 'inspection', 'query', 'queries', 'aggregation', 'aggregations',
]);

/** Objects that make `evaluate` run code; otherwise it assesses something (`evaluate_policy`, `evaluate_model`). */
export const CODE_OBJECTS = new Set([
  'script', 'scripts', 'code', 'javascript', 'js', 'typescript', 'ts', 'python', 'ruby', 'lua', 'perl', 'php', 'bash', 'shell',
  'expression', 'expressions', 'expr', 'snippet', 'function',
]);

/** Money verbs that need money in sight to move money; otherwise they take this category. */
export const MONEY_CONTEXT_VERBS = new Map<string, Exclude<Category, 'other'>>([
  ['capture', 'read'], ['transfer', 'write'], ['tip', 'write'], ['bill', 'write'], ['swap', 'write'], ['deposit', 'write'],
  ['wire', 'write'], ['stake', 'write'], ['unstake', 'write'], ['mint', 'write'], ['redeem', 'write'],
]);

/** Objects after `resolve` that make it settle a matter rather than look something up. */
export const SETTLED_OBJECTS = new Set([
  'thread', 'threads', 'conversation', 'conversations', 'comment', 'comments', 'discussion', 'discussions', 'issue', 'issues',
  'ticket', 'tickets', 'incident', 'incidents', 'alert', 'alerts', 'alarm', 'alarms', 'conflict', 'conflicts', 'dispute', 'disputes',
  'case', 'cases', 'finding', 'findings', 'problem', 'problems', 'review', 'reviews', 'bug', 'bugs', 'task', 'tasks', 'error', 'errors',
]);

/** Objects after `resolve` that make it a lookup (`resolve_library_id`); otherwise it settles something. */
export const LOOKUP_OBJECTS = new Set([
  'id', 'ids', 'name', 'names', 'address', 'hostname', 'host', 'url', 'uri', 'path', 'ref', 'reference',
  'alias', 'dns', 'symbol', 'identifier', 'handle', 'domain',
]);

/**
 * Objects of `generate` that the service issues and keeps (a key, an order, an account): made, not
 * handed back. Money nouns join them in the verb reader.
 */
export const ISSUED_OBJECTS = new Set([
  'key', 'keys', 'apikey', 'token', 'tokens', 'credential', 'credentials', 'secret', 'secrets', 'account', 'accounts',
  'user', 'users', 'ticket', 'tickets', 'release', 'releases', 'invitation', 'invitations', 'invite', 'invites',
  'invoice', 'invoices', 'order', 'orders', 'payment', 'payments', 'payout', 'payouts', 'refund', 'refunds',
]);

/** Objects of `answer` that ask only for an answer; otherwise it responds to something waiting (a run, a call, a ticket). */
export const QUESTION_OBJECTS = new Set(['question', 'questions', 'query', 'queries', 'faq']);

/** Objects of `format` that are storage: formatting one erases it. */
export const STORAGE_OBJECTS = new Set(['disk', 'disks', 'drive', 'drives', 'partition', 'partitions', 'volume', 'volumes', 'filesystem', 'device', 'card']);

/** Objects of `generate` or `build` that are views of data handed back to the caller, not new records. */
export const VIEW_NOUNS = new Set([
  'chart', 'charts', 'graph', 'graphs', 'diagram', 'diagrams', 'map', 'maps', 'plot', 'plots',
  'visualization', 'visualizations', 'link', 'links', 'url', 'preview', 'summary', 'report', 'reports',
  'spreadsheet', 'sql', 'query', 'command', 'snippet', 'regex', 'code', 'types', 'typings', 'locator', 'locators', 'deeplink', 'deeplinks',
]);

/** Read verbs whose object is text to look at: code or SQL handed to them is examined, not run (`validate_sql`, `lint_script`). */
export const TEXT_EXAMINING_VERBS = new Set(['validate', 'lint', 'parse', 'convert', 'translate', 'check', 'verify', 'review', 'critique', 'assess', 'score', 'summarize', 'format', 'proofread']);

/** Objects that make a description's "Run"/"Execute" mean running code rather than a job. */
export const EXECUTING_OBJECTS = new Set(['sql', 'command', 'commands', 'code', 'script', 'scripts', 'shell', 'statement', 'statements', 'javascript', 'python', 'bash']);

/**
 * Objects of `open` that drive a browser or a device (a door, a valve) or that open something new
 * (a pull request, a ticket, a position), rather than read a record.
 */
export const NAVIGATION_OBJECTS = new Set([
  'url', 'urls', 'browser', 'page', 'tab', 'link', 'website', 'site', 'app', 'form',
  'door', 'garage', 'gate', 'valve', 'window', 'cover', 'blinds', 'shutter',
  'pull', 'pr', 'issue', 'ticket', 'case', 'position', 'account',
]);

/** First-sentence verbs that only appear in descriptions ("Returns the ..."), by category. */
export const DESCRIPTION_VERBS = new Map<string, Exclude<Category, 'other'>>([['return', 'read'], ['provide', 'read'], ['store', 'write'], ['change', 'write']]);

/** Leading words of a description that come before its verb ("This tool retrieves", "Use this to create"). */
export const DESCRIPTION_FILLER = /^(?:[\w -]{1,30}\s\|\s*)?(?:(?:this|the|a) tool (?:that |which |to |will |can |is used to |helps(?: you)? (?:to )?)?|tool (?:to|that|for) |use (?:this )?(?:tool )?to |used to |(?:it )?(?:allows|lets) (?:you |the user |users |the agent )?(?:to )?|helps? (?:you )?(?:to )?|can be used to |you can |this (?:endpoint |function |operation )?)*/;

/** Verbs that send something to people or systems outside the tool's own service. */
export const SENDING_VERBS = new Set(['send', 'post', 'publish', 'notify', 'email', 'tweet', 'share', 'reply', 'invite', 'broadcast', 'message', 'forward', 'dm', 'enviar', 'envoyer', 'senden', 'invia']);

/**
 * Path words that make an HTTP POST a read: REST APIs take searches and queries by POST when the
 * request is too large for a URL (`post_search`, `API-post-data-query`).
 */
export const POST_READ_REQUESTS = new Set([
  'search', 'query', 'queries', 'list', 'find', 'lookup', 'count', 'filter', 'get', 'retrieve', 'fetch', 'read',
  'describe', 'validate', 'preview', 'estimate', 'calculate', 'explain', 'analyze', 'aggregate',
]);

/** Objects whose posting reaches other people: `post_message` sends, `post_page` only creates. */
export const POSTED_OBJECTS = new Set([
  'message', 'messages', 'comment', 'comments', 'reply', 'replies', 'tweet', 'tweets', 'status', 'story', 'chat',
  'channel', 'thread', 'notification', 'notifications', 'email', 'emails', 'mail', 'sms', 'dm', 'announcement',
  'webhook', 'slack', 'update', 'review',
]);

/** Nouns in names that make a write a money movement. */
export const MONEY_NOUNS = new Set([
  'payment', 'payments', 'payout', 'payouts', 'refund', 'refunds', 'charge', 'charges', 'transfer',
  'transfers', 'invoice', 'invoices', 'subscription', 'subscriptions', 'price', 'prices', 'balance',
  'wallet', 'money', 'order', 'orders', 'checkout', 'coupon', 'discount', 'credit', 'billing', 'cost',
  'costs', 'pricing', 'budget', 'budgets', 'fund', 'funds', 'dispute', 'disputes',
]);

/** Money nouns for what things cost: a price list is public as often as not, so reading one is no look at anyone's money. */
export const PRICE_NOUNS = new Set(['price', 'prices', 'pricing']);

/** Beside these a subscription is to news, not a plan that bills (`manage_notification_subscription`). */
export const UNBILLED_SUBSCRIPTIONS = new Set([
  'notification', 'notifications', 'event', 'events', 'webhook', 'webhooks', 'topic', 'topics', 'channel', 'channels',
  'feed', 'feeds', 'newsletter', 'newsletters', 'thread', 'threads', 'repository', 'repo', 'alert', 'alerts', 'mailing',
]);

/** Money nouns whose creation moves money (a refund, a payout), not merely describes it. */
export const MONEY_MOVEMENT_NOUNS = new Set(['payment', 'payout', 'refund', 'charge', 'transfer', 'intent', 'checkout', 'withdrawal', 'order']);

/** Words that name an attack on a target: a tool that sends one to an address it is given probes, it does not read. */
export const ATTACK_WORDS = new Set(['injection', 'sqli', 'xss', 'bruteforce', 'brute', 'exploit', 'fuzz', 'fuzzing', 'ddos', 'spoofing', 'bypass']);

/** Parameters that name the target of a probe. */
export const TARGET_PARAMS = new Set(['url', 'uri', 'target', 'host', 'hostname', 'ip', 'domain', 'endpoint', 'target_url']);

/** Name nouns that scale a destruction to infrastructure or to everything. */
export const INFRA_NOUNS = new Set([
  'infrastructure', 'cluster', 'clusters', 'database', 'databases', 'db', 'table', 'tables', 'bucket',
  'buckets', 'stack', 'stacks', 'namespace', 'namespaces', 'account', 'accounts', 'project',
  'projects', 'repository', 'repo', 'repositories', 'all', 'environment', 'instance', 'instances',
  'app', 'service', 'services', 'schema', 'index', 'volume', 'deployment', 'deployments', 'organization',
  'organizations', 'org', 'orgs', 'tenant', 'tenants',
]);

/** Name nouns and parameter names, by the signal they raise. */
export const SIGNAL_WORDS: Record<Exclude<Signal, 'suspicious-description' | 'money' | 'bulk'>, { names: readonly string[]; params: readonly string[] }> = {
  'shell-command': { names: ['shell', 'bash', 'command', 'cmd', 'terminal', 'exec', 'kubectl'], params: ['command', 'cmd', 'shell', 'commands', 'argv'] },
  'code-eval': { names: ['eval', 'evaluate', 'script', 'code', 'javascript', 'python', 'repl', 'notebook'], params: ['code', 'script', 'javascript', 'snippet', 'python', 'js'] },
  'raw-sql': { names: ['sql', 'query', 'cypher', 'sparql', 'cql', 'gremlin'], params: ['sql', 'statement', 'cypher', 'cql', 'sql_query'] },
  'filesystem-path': { names: ['file', 'files', 'directory', 'dir', 'folder', 'path'], params: ['path', 'paths', 'file', 'filepath', 'file_path', 'filename', 'directory', 'dir', 'root'] },
  // Not `webhook` as a name word: `list_webhooks` reads records of where events go.
  'fetches-url': { names: ['url', 'fetch', 'scrape', 'crawl', 'navigate', 'http', 'browse'], params: ['url', 'uri', 'urls', 'endpoint', 'href', 'webhook', 'webhook_url'] },
  'sends-external': { names: ['email', 'mail', 'sms', 'message', 'messages', 'chat', 'webhook', 'tweet', 'notification', 'slack'], params: ['to', 'recipient', 'recipients', 'cc', 'bcc', 'webhook_url'] },
  credentials: { names: ['secret', 'secrets', 'token', 'tokens', 'apikey', 'apikeys', 'password', 'passwords', 'credential', 'credentials', 'apikey', 'auth', 'oauth', 'certificate', 'ssh', 'kms', 'dsn', 'dsns', 'keychain', 'keyring', 'totp', 'otp', 'mfa'], params: ['token', 'secret', 'password', 'api_key', 'apikey', 'credential', 'credentials', 'private_key', 'secret_value'] },
  permissions: { names: ['iam', 'role', 'roles', 'policy', 'policies', 'permission', 'permissions', 'acl', 'acls', 'grant', 'rbac', 'member', 'members', 'collaborator', 'collaborators', 'admin', 'sharing', 'protect', 'unprotect', 'protection', 'chmod', 'chown', 'impersonate', 'allowlist', 'whitelist', 'firewall', 'visibility', 'ownership'], params: ['role', 'roles', 'policy', 'permission', 'permissions', 'acl', 'principal', 'access_level', 'scopes'] },
  'raw-html': { names: ['html', 'template', 'templates', 'markup'], params: ['html', 'body_html', 'markup'] },
  'personal-data': { names: ['user', 'users', 'profile', 'contact', 'contacts', 'customer', 'customers', 'employee', 'people', 'person', 'member', 'members', 'email', 'emails', 'inbox', 'message', 'messages', 'dm', 'conversation', 'conversations', 'chat', 'chats'], params: ['email', 'phone', 'ssn', 'address', 'birthdate', 'date_of_birth'] },
};

/** Money parameter names: an amount to move. */
export const MONEY_PARAMS = new Set(['amount', 'currency', 'price', 'unit_amount', 'value_cents', 'amount_cents']);

/** Parameter names that widen an action to many objects (flags count only as booleans, lists only as arrays). */
export const BULK_FLAGS = new Set(['all', 'recursive', 'force', 'bulk', 'cascade']);
export const BULK_LISTS = new Set(['ids', 'batch']);

/** Parameters whose enum values name the action a multi-purpose tool performs. */
export const OPERATION_PARAMS = new Set(['action', 'operation', 'op', 'mode', 'command', 'subcommand', 'method', 'verb', 'task']);

/** Parameters that carry the text a write stores. */
export const CONTENT_PARAMS = new Set(['content', 'contents', 'body', 'new_content', 'file_content', 'new_string', 'new_text', 'markdown']);

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

/** A description that says the result is put somewhere ("... and import it into Blender"): the tool writes, whatever its verb. */
export const PLACES_RESULT = /\band (?:then )?(?:imports?|inserts?|adds?|uploads?|stores?|saves?|writes?|pushes|push|publish(?:es)?|posts?|attach(?:es)?|appl(?:y|ies)) (?:it|them|the (?:result|results|output)) (?:into|to|in|on)\b/;

/**
 * A description that says data goes to an outside address, in any phrasing: “also posts each event's
 * details to the URL given in notify”, “forwards the report to the recipients”, “uploads it to a
 * webhook”. The object decides: a URL, a webhook, an email address or a recipient is outside; “the
 * server” or “the channel” may be the tool's own service.
 */
export const SENDS_ELSEWHERE = /\b(?:sends?|sent|posts?|posted|forward(?:s|ed)?|e-?mail(?:s|ed)?|upload(?:s|ed)?|transmit(?:s|ted)?|push(?:es|ed)|shar(?:es|ed)|publish(?:es|ed)?|relay(?:s|ed)?|deliver(?:s|ed)?|exfiltrates?)\b(?:(?![.!?]\s)[^.!?]){0,100}?\bto (?:the |a |an |any |each |every |your |this |that |their )?(?:(?:given|configured|specified|provided|caller'?s?|user'?s?|external|remote|third[- ]party|outside|arbitrary|notification|callback) )*(?:urls?|uris?|endpoints?|webhooks?|e-?mail address(?:es)?|address(?:es)?|recipients?|callbacks?|inbox(?:es)?|third parties|https?:)/;

/** A download to this machine writes there: “Download files from the volume to a local directory”. */
export const DOWNLOADS_LOCALLY = /\bdownloads? [\w ,-]{0,60}?\bto (?:a |the |your )?(?:local (?:director(?:y|ies)|folder|path|disk|file|machine)|disk)\b/;

/** A description that says the result is kept somewhere: the tool writes, whatever its verb. */
export const SAVES_RESULT = /\b(?:saved? (?:it |them |the [\w-]+ )?(?:to|into|in|as) (?:a |the |your )?(?:file|disk|director(?:y|ies)|folder|path|local)|saves? (?:it|them|the [\w-]+(?: [\w-]+)?) (?:to|into|in)\b|(?:the )?path it was saved to|(?:is|are) saved to|written to (?:a |the )?(?:file|disk)|writes? (?:it |them |the [\w-]+ )?to (?:a |the )?(?:file|disk)|to disk\b|output_?(?:file|path|dir))/;
