import { issueText, type Issue } from '../../core/errors/friendly.ts';

/**
 * A failure to explain to the user as is: what happened and what to try, as an issue (message and
 * hint) about `context` (a file, a flag, a step), written out by the one `issueText`.
 */
export class ImportError extends Error {
  override name = 'ImportError';
  readonly issue: Issue;
  /** `lines`: what follows the issue's own line (the server's last stderr lines, say). */
  constructor(issue: Issue | string, context?: string, lines = '') {
    const structured = typeof issue === 'string' ? { message: issue } : issue;
    super(issueText(structured, context) + lines);
    this.issue = structured;
  }
}
