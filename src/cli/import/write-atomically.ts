import { writeFileAtomic } from '../write-atomic.ts';
import { ImportError } from './errors.ts';

/** The importer's write: the one atomic writer, its failure an ImportError naming the file as `shown`. */
export function writeAtomically(path: string, text: string, shown = path): void {
  try {
    writeFileAtomic(path, text);
  } catch (error) {
    throw new ImportError(`cannot write the file (${(error as Error).message})`, shown);
  }
}
