import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI
    // machine. Many files wait on child processes and local servers, so two
    // at a time took the suite from about 10 to about 7 minutes there.
    maxWorkers: 2,
  },
});
