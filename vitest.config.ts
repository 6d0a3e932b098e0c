import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      // The real MCP clients (scripts/clients.sh installs them) load what we write; each run takes seconds.
      { test: { name: 'clients', include: ['tests/clients/**/*.test.ts'], testTimeout: 180_000 } },
      {
        // Builds each fixture catalog once per run, on first use (tests/support/shared-build.ts), then checks files and drives Chromium.
        test: {
          name: 'site',
          include: ['tests/site/**/*.test.ts'],
          globalSetup: ['tests/site/name-test-run.ts'],
          // One file at a time: builds and Chromium are CPU-bound. With 2 workers on 2 cores the project took
          // 134 s against 145 s (2026-12-07), each file about twice as slow, and the browser tests' timings
          // (CLS, staying responsive) lose their margin.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
