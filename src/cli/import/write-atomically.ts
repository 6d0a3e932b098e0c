import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { ImportError } from './errors.ts';

/** Temp file then rename: an interrupted import never leaves half a data file. `shown` names it in an error. */
export function writeAtomically(path: string, text: string, shown = path): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    writeFileSync(temp, text);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw new ImportError(`cannot write the file (${(error as Error).message})`, shown);
  }
}
