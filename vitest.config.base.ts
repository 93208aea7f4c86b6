import { basename } from 'node:path';
import { defineConfig } from 'vitest/config';

// In CI each package also writes a JSON report that .ci/summary.mjs sums into one closing line.
const reportDir = new URL('./.vitest-results/', import.meta.url).pathname;
const ciReporters = process.env.CI
  ? {
      reporters: ['default', 'json'],
      outputFile: { json: `${reportDir}${basename(process.cwd())}.json` },
    }
  : {};

/** Shared test settings; every package's vitest.config.ts merges this. */
export default defineConfig({
  resolve: {
    conditions: ['@mmskills/source'],
  },
  ssr: {
    resolve: {
      conditions: ['@mmskills/source'],
    },
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    ...ciReporters,
    setupFiles: [new URL('./vitest.setup.ts', import.meta.url).pathname],
  },
});
