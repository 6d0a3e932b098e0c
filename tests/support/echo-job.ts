// A build job that answers with the data it was given (tests/unit/run-worker.test.ts).
import { answerJob, jobData } from '../../src/build/job-io.ts';

answerJob(await jobData());
