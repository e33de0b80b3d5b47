import { defineConfig } from 'vitest/config';

// One database for the whole run: localdb started once by the global setup, or the real
// MongoDB named by MONGODB_URI. Each test file works in databases of its own, so files run
// in parallel without seeing each other's data.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/quiet-logs.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: process.env.CI ? ['default'] : ['default'],
  },
});
