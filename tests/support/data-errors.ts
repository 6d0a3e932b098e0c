import { DataError } from '../../src/core/errors/friendly.ts';

/** The DataError lines `fn` throws; fails the test when it throws anything else or nothing. */
export function dataErrorLines(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof DataError) return error.lines;
    throw error;
  }
  throw new Error('expected a DataError, but nothing was thrown');
}
