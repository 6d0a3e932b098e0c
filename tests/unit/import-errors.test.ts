import { describe, expect, it } from 'vitest';
import { ImportError } from '../../src/cli/import/errors.ts';
import { issueText } from '../../src/core/errors/friendly.ts';

describe('ImportError', () => {
  it('writes its issue the one way issues are written, then the lines that follow', () => {
    const error = new ImportError({ message: 'cannot read the file', hint: 'check the path' }, 'tools.json', "\nThe server's last stderr lines:\n  boom");
    expect(error.message).toBe("tools.json: cannot read the file (hint: check the path)\nThe server's last stderr lines:\n  boom");
    expect(error.message.split('\n')[0]).toBe(issueText(error.issue, 'tools.json'));
    expect(error.issue).toEqual({ message: 'cannot read the file', hint: 'check the path' });
  });

  it('takes a plain message without context or hint', () => {
    expect(new ImportError('the server does not say its name').message).toBe('the server does not say its name');
  });
});
