import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 60_000,
    // tfjs keeps one backend per process: isolate files in forks.
    pool: 'forks',
  },
});
