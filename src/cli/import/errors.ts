/** A failure to explain to the user as is: the message already says what happened and what to try. */
export class ImportError extends Error {
  override name = 'ImportError';
}
