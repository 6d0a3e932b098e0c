import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { DataError } from '../../core/errors/friendly.ts';

/**
 * The most one data file of a catalog may hold. An import stops at 50 MB of a server's responses,
 * and the file it writes is indented: this leaves room for that, and stops a file that would take
 * the reader's memory (a catalog entry can be a link to anything).
 */
export const MAX_DATA_FILE_BYTES = 128 << 20;

const kindOf = (stat: Stats) =>
  stat.isFIFO()
    ? 'a named pipe'
    : stat.isCharacterDevice() || stat.isBlockDevice()
      ? 'a device'
      : stat.isSocket()
        ? 'a socket'
        : stat.isDirectory()
          ? 'a folder'
          : 'not a regular file';

function check(stat: Stats, file: string, maxBytes: number): void {
  if (!stat.isFile())
    throw new DataError([`${file}: ${kindOf(stat)}, not a file; a catalog holds only regular files (hint: replace it by the server file it stands for)`]);
  if (stat.size > maxBytes)
    throw new DataError([
      `${file}: ${(stat.size / 2 ** 20).toFixed(0)} MB, more than the ${maxBytes / 2 ** 20} MB a data file may hold (hint: a server file is rarely over a few MB; check what wrote it)`,
    ]);
}

/**
 * A catalog file's text, read only when it is a regular file of at most `maxBytes` (a link to
 * /dev/zero never ends; a FIFO or /dev/stdin waits for a writer forever). Opened without blocking,
 * then checked again: the path may change between the two. A problem is a DataError naming `file`;
 * what the file system refuses (ENOENT, EACCES) is thrown as it is.
 */
export function readDataFile(path: string, file: string, maxBytes = MAX_DATA_FILE_BYTES): string {
  check(statSync(path), file, maxBytes);
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    check(stat, file, maxBytes);
    const bytes = Buffer.alloc(stat.size);
    let read = 0;
    for (let n = -1; read < bytes.length && n !== 0; read += n) n = readSync(fd, bytes, read, bytes.length - read, read);
    return bytes.toString('utf8', 0, read);
  } finally {
    closeSync(fd);
  }
}
