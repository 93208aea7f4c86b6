import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.base.ts';

// The page's browser modules (web/) have unit tests beside them too.
export default mergeConfig(
  base,
  defineConfig({ test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'web/**/*.test.ts'] } }),
);
