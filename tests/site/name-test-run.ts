import type { TestProject } from 'vitest/node';

/**
 * Names this test run. The sites the tests read are built on first use, once per run, whichever
 * test file asks first (tests/support/shared-build.ts): running one file builds only what it reads.
 */
export default function setup(project: TestProject) {
  project.provide('testRun', `${Date.now().toString(36)}-${process.pid}`);
}
