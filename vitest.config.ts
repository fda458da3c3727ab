import { defineConfig } from 'vitest/config';

// The project's own tests. The live check suites (checks/suites/*.live.ts) are not
// tests of this project: `verify` runs them against a deployment with its own config.
export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    // .tmp/ and .emulator/ hold scratch copies and the background emulator's state, never tests.
    exclude: ['node_modules/**', 'cdk.out/**', '.venv/**', 'reports/out/**', '.tmp/**', '.emulator/**'],
    pool: 'forks',
    // Integration tests start real servers (moto, PostgreSQL, Redis, Chromium):
    // give them room, but keep them from crowding the two cores of a CI machine.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
    // The pinned AWS SDK supports Node 20; its notice about later versions is noise in test output (bin/cloudmart.js sets the same).
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
