/**
 * Words that place a tool on a flow leg, read in its name and in the opening words of its
 * description. They name kinds of data and places, never a product or a server.
 */

/** Stores of the user's own data: what a reading tool returns from them is private. */
export const PRIVATE_STORES = new Set([
  'file',
  'files',
  'folder',
  'folders',
  'directory',
  'directories',
  'document',
  'documents',
  'notebook',
  'notebooks',
  'mail',
  'email',
  'emails',
  'inbox',
  'mailbox',
  'message',
  'messages',
  'dm',
  'dms',
  'chat',
  'chats',
  'conversation',
  'conversations',
  'repo',
  'repos',
  'repository',
  'repositories',
  'commit',
  'commits',
  'database',
  'databases',
  'db',
  'table',
  'tables',
  'record',
  'records',
  'row',
  'rows',
  'spreadsheet',
  'spreadsheets',
  'sheet',
  'sheets',
  'secret',
  'secrets',
  'credential',
  'credentials',
  'password',
  'passwords',
  'vault',
  'contact',
  'contacts',
  'customer',
  'customers',
  'calendar',
  'calendars',
  'drive',
  'clipboard',
  'cookie',
  'cookies',
  'storage',
  'profile',
  'profiles',
  'history',
  'env',
]);

/** Content that people other than the user write: reading it lets them speak to the agent. */
export const THIRD_PARTY_CONTENT = new Set([
  'web',
  'website',
  'websites',
  'webpage',
  'webpages',
  'internet',
  'online',
  'browser',
  'news',
  'article',
  'articles',
  'feed',
  'feeds',
  'rss',
  'mail',
  'email',
  'emails',
  'inbox',
  'mailbox',
  'message',
  'messages',
  'dm',
  'dms',
  'chat',
  'chats',
  'conversation',
  'conversations',
  'channel',
  'channels',
  'comment',
  'comments',
  'reviews',
  'issue',
  'issues',
  'ticket',
  'tickets',
  'discussion',
  'discussions',
  'thread',
  'threads',
  'reply',
  'replies',
  'post',
  'posts',
  'tweet',
  'tweets',
  'forum',
  'transcript',
  'transcripts',
  'attachment',
  'attachments',
]);

/**
 * Words that say something else in a description ("a JSON document", "common issues", "column
 * comments", "the browser history"): they count only in a name.
 */
export const NAME_ONLY = new Set([
  'document',
  'documents',
  'history',
  'storage',
  'env',
  'issue',
  'issues',
  'comment',
  'comments',
  'post',
  'posts',
  'reviews',
  'feed',
  'feeds',
  'table',
  'tables',
]);

/** Words that say the data is public, so not the user's own: "an index of public repositories". */
export const PUBLIC_MARKERS = new Set(['public', 'web', 'internet', 'open-source']);

/** Two-word names of third-party content: a pull or merge request is written by whoever opens it. */
export const THIRD_PARTY_PAIRS: readonly (readonly [string, string])[] = [
  ['pull', 'request'],
  ['pull', 'requests'],
  ['merge', 'request'],
  ['merge', 'requests'],
];

/** Verbs that bring in content from elsewhere, whatever category the tool was rated. */
export const LOADING_VERBS = new Set(['navigate', 'scrape', 'crawl', 'fetch', 'browse', 'visit', 'download', 'clone', 'extract', 'goto']);

/** Verbs that always load web pages, with or without a URL parameter in sight. */
export const WEB_VERBS = new Set(['navigate', 'scrape', 'crawl', 'browse', 'goto']);

/** Verbs that load a URL they are given (`open_url`), beside the loading verbs. */
export const URL_OPENING_VERBS = new Set(['open', 'load', 'go']);

/** Things written where other people read them: creating one publishes what it holds. */
export const PUBLIC_OBJECTS = new Set([
  'issue',
  'issues',
  'comment',
  'comments',
  'reply',
  'replies',
  'post',
  'posts',
  'tweet',
  'tweets',
  'thread',
  'threads',
  'discussion',
  'discussions',
  'gist',
  'gists',
  'release',
  'releases',
  'ticket',
  'tickets',
]);

/** Last words of parameter names that pick something rather than carry text: a write with only these publishes nothing. */
export const IDENTIFYING_WORDS = new Set([
  'id',
  'ids',
  'iid',
  'iids',
  'number',
  'sha',
  'ref',
  'key',
  'name',
  'slug',
  'owner',
  'repo',
  'project',
  'branch',
  'type',
  'kind',
  'status',
  'state',
  'emoji',
  'reaction',
  'label',
  'labels',
  'url',
  'path',
  'page',
  'cursor',
  'limit',
  'offset',
]);

/** Verbs that move data off the machine or out to others, whatever they act on. */
export const OUTBOUND_VERBS = new Set(['push', 'upload', 'publish', 'share']);

/** Verbs that compute from the input rather than read a store: a `generate_table` makes a table, it reads none. */
export const COMPUTING_VERBS = new Set([
  'generate',
  'calculate',
  'convert',
  'translate',
  'render',
  'parse',
  'validate',
  'lint',
  'estimate',
  'explain',
  'summarize',
  'detect',
  'echo',
  'format',
  'compress',
]);

/** Parameters that take an address the tool itself requests. */
export const URL_PARAMETERS = new Set(['url', 'uri', 'urls', 'href', 'link', 'endpoint', 'webhook', 'webhook_url', 'target_url']);

/** Parameters that name a file or folder to read. */
export const PATH_PARAMETERS = new Set(['path', 'paths', 'file', 'files', 'filepath', 'file_path', 'filename', 'directory', 'dir', 'folder', 'root']);

/** A description that says a write replaces what was there. */
export const OVERWRITES = /\b(?:overwrit(?:e|es|ing|ten)|replac(?:e|es|ing) (?:the |an? |its )?(?:existing|entire|whole|full)\b|clobber)/;

/** A URL parameter pinned to one service ("https://dev.example.com/{org}/...", "video URL or ID") names a record there; it fetches no address the agent picks. */
export const PINNED_URL = /https?:\/\/(?!(?:www\.)?example\.)[a-z0-9-]+\.[a-z]|\bor (?:an? )?id\b/i;
