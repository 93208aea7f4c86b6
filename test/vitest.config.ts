import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.base.ts';

// Cross-package suites live in one folder per scenario (marketplace/, conformance/, ...).
export default mergeConfig(base, defineConfig({ test: { include: ['*/**/*.test.ts'] } }));
