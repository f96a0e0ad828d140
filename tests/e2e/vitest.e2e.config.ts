/**
 * `npm run test:e2e`: the browser tests, one file at a time (each starts a serve process and a
 * Chromium). WORKBENCH_E2E marks this run: a plain `vitest run` collects the same files but
 * skips them.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['tests/e2e/**/*.e2e.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    sequence: { concurrent: false },
    env: { WORKBENCH_E2E: '1' },
  },
});
