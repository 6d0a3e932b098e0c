// Starts tests/support/busy-job.ts as a process and waits: the CLI reading a catalog (tests/unit/run-worker.test.ts kills it).
import { runWorker } from '../../src/build/run-worker.ts';

await runWorker(new URL('./busy-job.ts', import.meta.url), { pidFile: process.argv[2], seconds: Number(process.argv[3]) }, 'working', { ownProcess: true });
