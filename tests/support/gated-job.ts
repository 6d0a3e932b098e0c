// A build job that answers only after its go-ahead (tests/unit/run-worker.test.ts).
import { answerJob, jobData, jobGoAhead } from '../../src/build/job-io.ts';

const data = await jobData<{ name: string }>();
await jobGoAhead();
answerJob(`${data.name} went ahead`);
