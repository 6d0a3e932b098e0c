import { readFileSync } from 'node:fs';

/** A process's start time in clock ticks since boot, where Linux's /proc tells it. */
function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name, in parentheses, may hold spaces: the fields are counted after it (starttime is field 22).
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/**
 * This process as a lock or a scratch folder's name records it: `<pid>.<start time>`, or `<pid>`
 * where the start time is unknown. A process id alone is reused, and a dead build's lock would
 * then name a live process that is no build at all.
 */
export function ownIdentity(): string {
  const started = startTimeOf(process.pid);
  return started ? `${process.pid}.${started}` : String(process.pid);
}

/** The process id of an identity, or undefined when the text is none. */
export function pidOf(identity: string): number | undefined {
  const pid = Number.parseInt(identity, 10);
  return /^\d+(\.\d+)?$/.test(identity.trim()) && pid > 0 ? pid : undefined;
}

/** Whether the process an identity names still runs: its id is in use and, where known, by a process started then. */
export function isRunning(identity: string): boolean {
  const pid = pidOf(identity);
  if (pid === undefined) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const recorded = identity.trim().split('.')[1];
  const actual = recorded === undefined ? undefined : startTimeOf(pid);
  return recorded === undefined || actual === undefined || actual === recorded;
}
