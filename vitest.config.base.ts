import { defineConfig } from 'vitest/config';

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
    setupFiles: [new URL('./vitest.setup.ts', import.meta.url).pathname],
  },
});
