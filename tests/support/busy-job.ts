// A build job that writes its process id, then works synchronously for `seconds` (tests/unit/run-worker.test.ts).
import { writeFileSync } from 'node:fs';
import { answerJob, jobData } from '../../src/build/job-io.ts';

const { pidFile, seconds } = await jobData<{ pidFile: string; seconds: number }>();
writeFileSync(pidFile, String(process.pid));
const end = Date.now() + seconds * 1000;
while (Date.now() < end);
answerJob('done');
